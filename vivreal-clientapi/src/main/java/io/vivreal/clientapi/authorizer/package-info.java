/**
 * The Client API authorizer (the seed's Lambda authorizer): API-key verification with the API
 * Gateway TOKEN-authorizer contract, its bounded decision cache, the filter that runs it in front
 * of {@code /tenant/**}, and the immutable tenant context handlers receive.
 */
package io.vivreal.clientapi.authorizer;
