/**
 * Our ID tokens (ES256, one hour, with {@code kid}, {@code jti}, {@code iss}, {@code aud}), their
 * keys, and which tokens the API surfaces accept.
 */
package io.vivreal.identity.token;
