/**
 * The Client API authorizer and its key types, for both of its hosts — the server's filter in
 * front of {@code /tenant/**} and the AWS Lambda TOKEN authorizer: the API key format, its
 * peppered lookup hash, the lookup in the control plane's {@code groups}, the bounded decision
 * cache, the one {@link io.vivreal.authorizer.Tenant} a valid key stands for, and the one table
 * from outcomes to answers ({@link io.vivreal.authorizer.AuthorizerAnswer}). No Spring and no
 * servlet API: only the MongoDB driver and Caffeine.
 */
package io.vivreal.authorizer;
