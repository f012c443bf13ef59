/** Web wiring of the assembled application: health, the fallback security chain, error answers. */
package io.vivreal.app.web;
