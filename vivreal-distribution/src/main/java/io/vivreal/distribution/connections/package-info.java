/**
 * Channel connections: accounts a group connects through an OAuth 2.0 authorization-code flow with
 * PKCE (S256) instead of pasting a token. Owns the provider definitions, the pending
 * authorizations (hashed {@code state}, encrypted verifier, single-use, 10 minutes, bound to group,
 * channel and user), the stored tokens (encrypted and bound like every credential), their refresh
 * before expiry under a compare-and-set, and the connection's status ({@code connected}, {@code
 * needsReconnect}, {@code disconnected}). Adapters ask {@link
 * io.vivreal.distribution.connections.ConnectionTokens} for a token and report a refused one;
 * nothing here knows a platform's posting API.
 */
package io.vivreal.distribution.connections;
