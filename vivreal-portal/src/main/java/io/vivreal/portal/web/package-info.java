/** The portal's HTTP routes: pages, sign-in/out, context switch, and the Management API proxy. */
package io.vivreal.portal.web;
