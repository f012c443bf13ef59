package io.vivreal.lambda;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads {@link AuthorizerSecrets} from AWS Secrets Manager with the SDK's default region and
 * credentials (in Lambda: {@code AWS_REGION} and the function's role). The client is built for one
 * read and closed: secrets are read once per container, so keeping it would only hold threads.
 */
final class SecretsManagerSecrets {

    private SecretsManagerSecrets() {}

    static AuthorizerSecrets fetch(LambdaSettings settings) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3))
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(6))
                        .build());
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        try (SecretsManagerClient client = builder.build()) {
            GetSecretValueResponse response = client.getSecretValue(r -> r.secretId(settings.secretId()));
            if (response.secretString() == null) {
                throw new AuthorizerSecrets.SecretsException(
                        "secret " + settings.secretId() + " holds no SecretString (binary secrets are not read)");
            }
            return AuthorizerSecrets.fromJson(response.secretString());
        }
    }
}
