/**
 * Sign-in sessions a person can see and end: one record per sign-in, bound into the ID token as
 * its {@code sid} claim and checked on every request that carries the token, so ending a session
 * (one, all but the current, or all at a password change or reset) refuses its token within a
 * second on every instance.
 */
package io.vivreal.identity.session;
