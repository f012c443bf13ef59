package io.vivreal.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What the function reads from its environment. Only the secret's name is required; everything
 * secret lives in Secrets Manager, never in the environment.
 *
 * @param secretId name or ARN of the Secrets Manager secret ({@code VIVREAL_SECRET_ID})
 * @param endpointOverride a Secrets Manager endpoint other than the region's, for tests and VPC
 *     endpoints ({@code VIVREAL_AWS_ENDPOINT}); null for the SDK default
 * @param controlPlaneDatabase the database holding {@code groups} ({@code
 *     VIVREAL_CONTROL_PLANE_DATABASE}, default {@code vivreal}, as the server's)
 * @param decisionCache how long this container keeps a decision ({@code
 *     VIVREAL_AUTHORIZER_CACHE_MILLIS}, 0–1000, default 0 = off); API Gateway's own result cache and
 *     this one add up, and together they must stay within the one-second revocation bound
 */
record LambdaSettings(String secretId, URI endpointOverride, String controlPlaneDatabase, Duration decisionCache) {

    static final String SECRET_ID = "VIVREAL_SECRET_ID";
    static final String AWS_ENDPOINT = "VIVREAL_AWS_ENDPOINT";
    static final String CONTROL_PLANE_DATABASE = "VIVREAL_CONTROL_PLANE_DATABASE";
    static final String CACHE_MILLIS = "VIVREAL_AUTHORIZER_CACHE_MILLIS";

    static LambdaSettings fromEnvironment(Map<String, String> environment) {
        String secretId = environment.get(SECRET_ID);
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalStateException(SECRET_ID + " is not set: name the Secrets Manager secret to read");
        }
        String endpoint = environment.get(AWS_ENDPOINT);
        String database = environment.getOrDefault(CONTROL_PLANE_DATABASE, "");
        return new LambdaSettings(
                secretId.trim(),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.trim()),
                database.isBlank() ? "vivreal" : database.trim(),
                Duration.ofMillis(cacheMillis(environment.get(CACHE_MILLIS))));
    }

    private static long cacheMillis(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        long millis;
        try {
            millis = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(CACHE_MILLIS + " must be a number of milliseconds");
        }
        if (millis < 0 || millis > 1000) {
            throw new IllegalStateException(CACHE_MILLIS + " must be between 0 and 1000 (the revocation bound)");
        }
        return millis;
    }
}
