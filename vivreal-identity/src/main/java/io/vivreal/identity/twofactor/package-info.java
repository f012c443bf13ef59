/**
 * The second factor: TOTP (RFC 6238: HMAC-SHA1, six digits, 30-second steps, one step either way)
 * and ten one-time recovery codes. The secret is stored encrypted and bound to its user; each
 * accepted time step is remembered with a compare-and-set in the store, so a code is accepted once
 * even when two instances see it at the same moment. Sign-in ({@code LoginService}) asks {@link
 * io.vivreal.identity.twofactor.SecondFactor} from one place, after the password is right.
 */
package io.vivreal.identity.twofactor;
