/** The Client API's wire shapes: the envelope, cache headers and ETags, and its error answers. */
package io.vivreal.clientapi.web;
