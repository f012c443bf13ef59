package io.vivreal.app.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.PortalClient;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.portal.auth.ContextTokens;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code VIVREAL_SECRETS=aws:<name>} against a local Secrets Manager: the server starts from the
 * secret's fields, and a rotated context secret is used after the refresh interval without a
 * restart, while contexts signed under the old value verify for the overlap and not after.
 */
@SpringBootTest(classes = VivrealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class AwsSecretsRotationTests {

    private static final Path DATA_DIR =
            Path.of("target", "test-data", "aws-secrets-" + UUID.randomUUID()).toAbsolutePath();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration OVERLAP = Duration.ofSeconds(3);
    private static final Map<String, String> INITIAL = secretFields();
    private static final SecretsManagerStub AWS = new SecretsManagerStub("test/vivreal", INITIAL);

    @DynamicPropertySource
    static void secretsFromAws(DynamicPropertyRegistry registry) {
        // the SDK's default chains read these; static test credentials, never real ones
        System.setProperty("aws.region", "eu-west-1");
        System.setProperty("aws.accessKeyId", "AKIDVIVREALTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
        registry.add("vivreal.data-dir", DATA_DIR::toString);
        registry.add("vivreal.login.attempts-per-address", () -> "1000000");
        registry.add("vivreal.login.attempts-per-account", () -> "1000000");
        registry.add("vivreal.secrets", () -> "aws:test/vivreal");
        registry.add("vivreal.aws-endpoint", AWS::endpoint);
        registry.add("vivreal.secrets-refresh-interval", () -> "200ms");
        registry.add("vivreal.secrets-overlap", OVERLAP::toString);
    }

    @AfterAll
    static void stopAws() {
        AWS.close();
        System.clearProperty("aws.region");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Autowired
    Secrets secrets;

    @LocalServerPort
    int port;

    Fixtures fixtures;

    @BeforeEach
    void client() {
        fixtures = new Fixtures(new Http("http://localhost:" + port));
    }

    private static Map<String, String> secretFields() {
        Map<String, String> fields = new HashMap<>();
        fields.put(SecretName.JWT_SIGNING_KEY.fileName(), ecKeyPair());
        fields.put(SecretName.CONTEXT_SECRET.fileName(), random256());
        fields.put(SecretName.API_KEY_PEPPER.fileName(), random256());
        fields.put(SecretName.ENCRYPTION_KEYS.fileName(), "k1:" + random256());
        return fields;
    }

    private static String random256() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "."
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean signedUnder(String contextSecret, String activeContext) {
        return new ContextTokens(Base64.getDecoder().decode(contextSecret), Clock.systemUTC())
                .verify(activeContext)
                .isPresent();
    }

    /** A browser holding these cookies, as one that logged in before the rotation would. */
    private PortalClient holding(PortalClient original, String activeContext) {
        PortalClient client = new PortalClient("http://localhost:" + port);
        client.cookies.putAll(original.cookies);
        client.cookies.put("active_ctx", activeContext);
        return client;
    }

    @Test
    void aRotatedContextSecretIsUsedWithoutARestartAndTheOldOneVerifiesOnlyDuringTheOverlap(CapturedOutput output) {
        Fixtures.User owner = fixtures.user();
        fixtures.group(owner);
        PortalClient before = new PortalClient("http://localhost:" + port).loggedIn(owner.email(), Fixtures.PASSWORD);
        String oldContext = before.cookies.get("active_ctx");
        assertThat(signedUnder(INITIAL.get("context-secret"), oldContext)).isTrue();

        Map<String, String> rotated = new HashMap<>(INITIAL);
        rotated.put(SecretName.CONTEXT_SECRET.fileName(), random256());
        AWS.rotate(rotated);

        // a new login is signed under the new value once a refresh has read it
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> signedUnder(
                        rotated.get("context-secret"),
                        new PortalClient("http://localhost:" + port)
                                .loggedIn(owner.email(), Fixtures.PASSWORD)
                                .cookies
                                .get("active_ctx")));
        // the context signed before the rotation still works during the overlap ...
        assertThat(holding(before, oldContext).get("/app/api/proxy/group").status())
                .isEqualTo(200);
        // ... and not after it
        await().atMost(OVERLAP.plusSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        holding(before, oldContext).get("/app/api/proxy/group").status() == 401);
        assertThat(holding(before, oldContext).get("/app/api/proxy/group").body())
                .contains("invalid_context");

        assertThat(secrets.get(SecretName.CONTEXT_SECRET).value()).isEqualTo(rotated.get("context-secret"));
        assertThat(output.getOut())
                .contains("secret context-secret rotated (from AWS Secrets Manager secret"
                        + " 'test/vivreal' version v1)");
        for (String value : INITIAL.values()) {
            assertThat(output.getAll()).doesNotContain(value);
        }
        assertThat(output.getAll()).doesNotContain(rotated.get("context-secret"));
    }

    @Test
    void theSecretsAreReadAgainOnEveryInterval() {
        int seen = AWS.requests.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> AWS.requests.get() >= seen + 3);
        assertThat(secrets.get(SecretName.API_KEY_PEPPER).source())
                .startsWith("AWS Secrets Manager secret 'test/vivreal'");
    }
}
