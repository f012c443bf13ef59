/** The portal's cookies and what they prove: the login token, the signed group context, CSRF. */
package io.vivreal.portal.auth;
