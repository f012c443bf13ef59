package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vivreal.core.secrets.Secrets.SecretsException;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The AWS Secrets Manager provider against a local server speaking the service's JSON protocol. */
class AwsSecretsManagerProviderTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SECRET_ID = "prod/vivreal";

    private final Map<SecretName, String> values = generated();
    private FakeSecretsManager aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    private static Map<SecretName, String> generated() {
        Map<SecretName, String> values = new EnumMap<>(SecretName.class);
        for (SecretName name : SecretName.values()) {
            values.put(name, name.generate(RANDOM));
        }
        return values;
    }

    static String json(Map<SecretName, String> values) {
        return values.entrySet().stream()
                .map(entry -> FakeSecretsManager.quote(entry.getKey().fileName()) + ":"
                        + FakeSecretsManager.quote(entry.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private AwsSecretsManagerProvider provider(String secretString) {
        aws = new FakeSecretsManager(SECRET_ID, secretString);
        return at(aws.endpoint());
    }

    private static AwsSecretsManagerProvider at(String endpoint) {
        return AwsSecretsManagerProvider.create(
                SECRET_ID,
                endpoint,
                Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDVIVREALTEST", "test-secret-key")));
    }

    @Test
    void sendsOneSignedGetSecretValueRequestForTheSecret() {
        provider(json(values));

        assertThat(aws.requests).hasSize(1);
        FakeSecretsManager.Request request = aws.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/");
        assertThat(request.header("X-Amz-Target")).isEqualTo("secretsmanager.GetSecretValue");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(request.body()).isEqualTo("{\"SecretId\":\"prod/vivreal\"}");
        assertThat(request.header("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
        assertThat(request.header("Authorization"))
                .matches("AWS4-HMAC-SHA256 Credential=AKIDVIVREALTEST/\\d{8}/eu-west-1/secretsmanager/aws4_request, "
                        + "SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}");
    }

    @Test
    void answersEveryFieldByItsSecretName() {
        AwsSecretsManagerProvider provider = provider(json(values));

        for (SecretName name : SecretName.values()) {
            Secret secret = provider.find(name).orElseThrow();
            assertThat(secret.value()).isEqualTo(values.get(name));
            assertThat(secret.devGenerated()).isFalse();
            assertThat(secret.source()).isEqualTo("AWS Secrets Manager secret 'prod/vivreal' version v0");
        }
    }

    @Test
    void aDevelopmentMarkedFieldIsRecognisedAsSuch() {
        values.put(SecretName.CONTEXT_SECRET, SecretsProvider.DEV_MARKER + values.get(SecretName.CONTEXT_SECRET));
        AwsSecretsManagerProvider provider = provider(json(values));

        assertThat(provider.find(SecretName.CONTEXT_SECRET).orElseThrow().devGenerated())
                .isTrue();
    }

    @Test
    void productionRefusesToStartWhenAFieldIsMissingAndNamesIt() {
        String pepper = values.remove(SecretName.API_KEY_PEPPER);
        AwsSecretsManagerProvider provider = provider(json(values));

        SecretsException refused = catchThrowableOfType(
                SecretsException.class, () -> Secrets.resolve(List.of(provider), Optional.empty(), true, RANDOM));

        assertThat(refused.getMessage())
                .isEqualTo("refusing to start: secret 'api-key-pepper' is missing (add the field 'api-key-pepper'"
                        + " to the AWS Secrets Manager secret 'prod/vivreal')")
                .doesNotContain(pepper);
        values.values().forEach(value -> assertThat(refused.getMessage()).doesNotContain(value));
    }

    @Test
    void productionStartsWithEveryField() {
        Secrets secrets = Secrets.resolve(List.of(provider(json(values))), Optional.empty(), true, RANDOM);

        assertThat(secrets.get(SecretName.ENCRYPTION_KEYS).value()).isEqualTo(values.get(SecretName.ENCRYPTION_KEYS));
    }

    @Test
    void anUnreachableEndpointStopsTheStartNamingTheSecret() {
        assertThatThrownBy(() -> at("http://127.0.0.1:1"))
                .isInstanceOf(SecretsException.class)
                .hasMessageStartingWith("cannot read AWS Secrets Manager secret 'prod/vivreal': unreachable");
    }

    @Test
    void anUnknownSecretIsReportedWithTheAwsErrorCode() {
        aws = new FakeSecretsManager(SECRET_ID, json(values));
        aws.failWith("ResourceNotFoundException");

        assertThatThrownBy(() -> at(aws.endpoint()))
                .isInstanceOf(SecretsException.class)
                .hasMessage("cannot read AWS Secrets Manager secret 'prod/vivreal': ResourceNotFoundException");
    }

    @Test
    void aValueThatIsNotJsonIsRefusedWithoutQuotingIt() {
        String secretString = "context-secret=" + values.get(SecretName.CONTEXT_SECRET);

        SecretsException refused = catchThrowableOfType(SecretsException.class, () -> provider(secretString));

        assertThat(refused.getMessage())
                .isEqualTo("cannot read AWS Secrets Manager secret 'prod/vivreal': its value is not valid JSON");
        assertThat(refused.getCause()).isNull();
    }

    @Test
    void aFieldThatIsNotAStringIsRefusedNamingIt() {
        assertThatThrownBy(() -> provider("{\"context-secret\": 42}"))
                .hasMessage("cannot read AWS Secrets Manager secret 'prod/vivreal': the field 'context-secret' is not"
                        + " a string");
        assertThatThrownBy(() -> provider("[\"context-secret\"]"))
                .hasMessage("cannot read AWS Secrets Manager secret 'prod/vivreal': its value is not a JSON object");
    }

    @Test
    void aRefreshReadsTheNewVersion() {
        AwsSecretsManagerProvider provider = provider(json(values));
        Map<SecretName, String> rotated = generated();
        aws.rotate(json(rotated));

        provider.refresh();

        assertThat(provider.find(SecretName.CONTEXT_SECRET).orElseThrow().value())
                .isEqualTo(rotated.get(SecretName.CONTEXT_SECRET));
        assertThat(provider.find(SecretName.CONTEXT_SECRET).orElseThrow().source())
                .endsWith("version v1");
        assertThat(aws.requests).hasSize(2);
    }

    @Test
    void aFailedRefreshKeepsTheLastValues() {
        AwsSecretsManagerProvider provider = provider(json(values));
        aws.failWith("InternalServiceError");

        assertThatThrownBy(provider::refresh).isInstanceOf(SecretsException.class);
        assertThat(provider.find(SecretName.CONTEXT_SECRET).orElseThrow().value())
                .isEqualTo(values.get(SecretName.CONTEXT_SECRET));
    }

    @Test
    void aBlankSecretNameIsRefused() {
        assertThatThrownBy(() -> AwsSecretsManagerProvider.create(" ", ""))
                .hasMessage("VIVREAL_SECRETS=aws:<secret-name> needs the secret's name or ARN");
    }
}
