/**
 * What the server adds to API keys (whose format, hash and lookup live in {@code
 * io.vivreal.authorizer}): their stored form with the ciphertext owners reveal, the overlap of a
 * rolled-away key, the in-process revocation event, and the in-memory {@code lastUsedAt} tracking.
 */
package io.vivreal.core.apikey;
