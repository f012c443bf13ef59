/** User accounts: sign-up, password sign-in, and accounts of external OpenID Connect users. */
package io.vivreal.identity.user;
