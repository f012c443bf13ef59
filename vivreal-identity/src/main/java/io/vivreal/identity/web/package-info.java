/** HTTP routes of the identity module: {@code /auth} and {@code /.well-known}. */
package io.vivreal.identity.web;
