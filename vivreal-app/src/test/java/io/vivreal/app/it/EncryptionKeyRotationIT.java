package io.vivreal.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.core.store.EmbeddedMongoStore;
import io.vivreal.core.store.StoreConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * {@code ./vivreal admin rotate-encryption-key} on the packaged jar, beside a running server:
 * killed with SIGKILL half-way, run again, every API key ends under the new key and still reveals
 * and authenticates; a further run changes nothing.
 */
class EncryptionKeyRotationIT {

    private static final int GROUPS = 300;
    private static final String ROUTE = "/tenant/collectionObjects?collectionId=0123456789abcdef01234567";
    private static final Pattern PENDING = Pattern.compile("api keys: (\\d+) to re-encrypt");

    @Test
    void rotationKilledHalfWayIsFinishedByARerunAndChangesNothingAfterwards() throws Exception {
        Path dataDir =
                Path.of("target", "it-data", "rotation-" + UUID.randomUUID()).toAbsolutePath();
        Map<String, String> keys = new LinkedHashMap<>();
        Fixtures.User owner;
        String oldKeyId;
        String newKeyId;
        // one owner with many groups: beyond the self-service limit an operator would set
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of("VIVREAL_GROUPS_PER_USER", "1000"))
                .awaitHealthy()) {
            Fixtures fixtures = new Fixtures(server.http);
            owner = fixtures.user();
            for (int i = 0; i < GROUPS; i++) {
                String group = fixtures.group(owner);
                keys.put(group, fixtures.apiKey(owner, group));
            }
            oldKeyId = activeKeyId(dataDir);

            String killed;
            try (ServerProcess rotation = ServerProcess.startCommand(
                    dataDir, Map.of(), "admin", "rotate-encryption-key", "--generate", "--batch-size", "5")) {
                rotation.awaitOutput("api keys: batch 3:", Duration.ofSeconds(90));
                rotation.kill9();
                killed = rotation.output();
            }
            newKeyId = activeKeyId(dataDir);
            assertThat(newKeyId).isNotEqualTo(oldKeyId);
            assertThat(killed)
                    .contains("added key " + newKeyId)
                    .contains("api keys: " + GROUPS + " to re-encrypt")
                    .doesNotContain("counts per key id");

            ServerProcess.Result resumed =
                    ServerProcess.run(dataDir, Map.of(), "admin", "rotate-encryption-key", "--batch-size", "5");
            assertThat(resumed.exitCode()).as(resumed.output()).isZero();
            assertThat(pending(resumed.output()))
                    .as("the rerun continues with what the killed run left")
                    .isBetween(1L, GROUPS - 15L);
            assertThat(resumed.output())
                    .doesNotContain("added key")
                    .contains("api keys: " + newKeyId + "=" + GROUPS + ", " + oldKeyId + "=0");
            assertThat(ciphertexts(dataDir).values()).allMatch(value -> value.startsWith("enc:v1:" + newKeyId + ":"));
        }

        try (ServerProcess restarted = ServerProcess.start(dataDir, Map.of()).awaitHealthy()) {
            Http.Response login =
                    restarted.http.post("/auth/login", Map.of("email", owner.email(), "password", Fixtures.PASSWORD));
            assertThat(login.status()).isEqualTo(200);
            Fixtures.User again = new Fixtures.User(
                    owner.id(), owner.email(), login.json().get("idToken").asString());
            Fixtures fixtures = new Fixtures(restarted.http);
            int checked = 0;
            for (Map.Entry<String, String> key : keys.entrySet()) {
                assertThat(fixtures.apiKey(again, key.getKey())).isEqualTo(key.getValue());
                if (checked++ % 25 == 0) {
                    assertThat(restarted
                                    .http
                                    .get(ROUTE, "Authorization", key.getValue())
                                    .status())
                            .isEqualTo(200);
                }
            }

            Map<String, String> before = ciphertexts(dataDir);
            ServerProcess.Result third = ServerProcess.run(dataDir, Map.of(), "admin", "rotate-encryption-key");
            assertThat(third.exitCode()).as(third.output()).isZero();
            assertThat(pending(third.output())).isZero();
            assertThat(third.output()).contains("api keys: " + newKeyId + "=" + GROUPS + ", " + oldKeyId + "=0");
            assertThat(ciphertexts(dataDir)).isEqualTo(before);
            for (String plaintext : keys.values()) {
                assertThat(third.output() + restarted.output()).doesNotContain(plaintext);
            }
        }
    }

    private static String activeKeyId(Path dataDir) throws Exception {
        String ring = Files.readString(dataDir.resolve("secrets").resolve("encryption-keys"))
                .strip()
                .replaceFirst("^dev-generated:", "");
        return ring.substring(0, ring.indexOf(':'));
    }

    private static long pending(String output) {
        Matcher matcher = PENDING.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** Every group's stored ciphertext, read from the running server's embedded store. */
    private static Map<String, String> ciphertexts(Path dataDir) {
        String uri = EmbeddedMongoStore.runningStore(dataDir).orElseThrow();
        Map<String, String> values = new LinkedHashMap<>();
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(uri))) {
            for (Document group :
                    client.getDatabase("vivreal").getCollection("groups").find()) {
                values.put(
                        group.getObjectId("_id").toHexString(),
                        group.get("apiKey", Document.class).getString("ciphertext"));
            }
        }
        assertThat(values).hasSize(GROUPS);
        return values;
    }
}
