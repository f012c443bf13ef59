package io.vivreal.core.secrets;

import io.vivreal.core.secrets.Secrets.SecretsException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads every secret from one AWS Secrets Manager secret whose value is a JSON object of string
 * fields named like the files ({@code {"jwt-signing-key": "...", "context-secret": "...",
 * "api-key-pepper": "...", "encryption-keys": "..."}}).
 *
 * <p>The secret is fetched once when the provider is made — a failure stops the start, naming the
 * secret — and again on each {@link #refresh()}; lookups answer the last fetched copy. Region and
 * credentials come from the SDK's default chains ({@code AWS_REGION}, environment, profile, the
 * container or instance role); the endpoint can be overridden for LocalStack and tests. Errors name
 * the secret and the AWS error code, never a value: a parse failure drops its cause, whose message
 * could quote the secret text.
 */
public final class AwsSecretsManagerProvider implements SecretsProvider, AutoCloseable {

    private record Fetched(Map<String, String> fields, String source) {}

    private final SecretsManagerClient client;
    private final String secretId;
    private volatile Fetched fetched;

    AwsSecretsManagerProvider(SecretsManagerClient client, String secretId) {
        this.client = client;
        this.secretId = secretId;
        this.fetched = fetch();
    }

    /**
     * A provider for {@code secretId} with the SDK's default region and credentials.
     *
     * @param endpoint a Secrets Manager endpoint (LocalStack, a test server); blank means AWS
     */
    public static AwsSecretsManagerProvider create(String secretId, String endpoint) {
        return create(
                secretId, endpoint, null, DefaultCredentialsProvider.builder().build());
    }

    /** As {@link #create(String, String)} with a given region (null: the default chain) and credentials. */
    public static AwsSecretsManagerProvider create(
            String secretId, String endpoint, Region region, AwsCredentialsProvider credentials) {
        if (secretId == null || secretId.isBlank()) {
            throw new SecretsException("VIVREAL_SECRETS=aws:<secret-name> needs the secret's name or ARN");
        }
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(10)))
                .credentialsProvider(credentials)
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(30)));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.strip()));
        }
        if (region != null) {
            builder.region(region);
        }
        SecretsManagerClient client;
        try {
            client = builder.build();
        } catch (SdkClientException e) {
            throw new SecretsException("cannot read AWS Secrets Manager secret '" + secretId
                    + "': no AWS region configured (set AWS_REGION)");
        }
        return new AwsSecretsManagerProvider(client, secretId);
    }

    @Override
    public Optional<Secret> find(SecretName name) {
        Fetched current = fetched;
        String value = current.fields().get(name.fileName());
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(SecretsProvider.parse(name, value, current.source()));
    }

    @Override
    public void refresh() {
        fetched = fetch();
    }

    @Override
    public String hint(SecretName name) {
        return "add the field '" + name.fileName() + "' to the AWS Secrets Manager secret '" + secretId + "'";
    }

    @Override
    public void close() {
        client.close();
    }

    private Fetched fetch() {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request -> request.secretId(secretId));
        } catch (SecretsManagerException e) {
            throw failure(
                    e.awsErrorDetails() == null
                            ? "status " + e.statusCode()
                            : e.awsErrorDetails().errorCode());
        } catch (SdkException e) {
            throw failure("unreachable (" + e.getClass().getSimpleName() + ")");
        }
        if (response.secretString() == null) {
            throw failure("it holds no SecretString");
        }
        Map<String, String> fields = new HashMap<>();
        try {
            JsonNode root = JsonNode.parser().parse(response.secretString());
            if (!root.isObject()) {
                throw failure("its value is not a JSON object");
            }
            for (Map.Entry<String, JsonNode> field : root.asObject().entrySet()) {
                if (!field.getValue().isString()) {
                    throw failure("the field '" + field.getKey() + "' is not a string");
                }
                fields.put(field.getKey(), field.getValue().asString());
            }
        } catch (SecretsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("its value is not valid JSON");
        }
        String version = response.versionId() == null ? "" : " version " + response.versionId();
        return new Fetched(Map.copyOf(fields), "AWS Secrets Manager secret '" + secretId + "'" + version);
    }

    private SecretsException failure(String reason) {
        return new SecretsException("cannot read AWS Secrets Manager secret '" + secretId + "': " + reason);
    }
}
