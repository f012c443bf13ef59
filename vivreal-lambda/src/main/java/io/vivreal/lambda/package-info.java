/**
 * The Client API authorizer packaged as an AWS Lambda TOKEN authorizer, for teams that put API
 * Gateway (REST) in front of the Client API as the seed does.
 *
 * <p>It hosts the same {@link io.vivreal.authorizer.ApiKeyAuthorizer} the server runs in
 * front of {@code /tenant/**}, wired by hand: no Spring context, so a cold start loads only the
 * MongoDB driver, Caffeine and a Secrets Manager client. Secrets (the MongoDB URI and the API-key
 * pepper) are read from AWS Secrets Manager once per container, and one {@code MongoClient} serves
 * every invocation the container handles.
 */
package io.vivreal.lambda;
