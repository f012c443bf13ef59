/** The application: assembles the modules, runs the server or an operator command. */
package io.vivreal.app;
