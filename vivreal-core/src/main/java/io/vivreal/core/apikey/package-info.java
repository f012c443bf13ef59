/**
 * API keys: their format (prefix, randomness, checksum), their peppered HMAC lookup hash, their
 * stored form, the lookup the authorizer uses, and the in-memory {@code lastUsedAt} tracking.
 */
package io.vivreal.core.apikey;
