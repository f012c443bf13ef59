package io.vivreal.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.config.PeriodicTask;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.group.ApiKeyCiphertextStore;
import io.vivreal.core.store.ControlPlane;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator command in-process beside the running test server. The key ring is the server's,
 * so these tests never add a key (the packaged-jar EncryptionKeyRotationIT does).
 */
class RotateEncryptionKeyTests extends ServerTest {

    @Autowired
    ControlPlane controlPlane;

    @Autowired
    CredentialCipher cipher;

    private MongoCollection<Document> groups() {
        return controlPlane.collection("groups");
    }

    private String ciphertextOf(String group) {
        return groups().find(Filters.eq("_id", new ObjectId(group)))
                .first()
                .get("apiKey", Document.class)
                .getString("ciphertext");
    }

    private void setCiphertext(String group, String value) {
        groups().updateOne(Filters.eq("_id", new ObjectId(group)), Updates.set("apiKey.ciphertext", value));
    }

    @Test
    void undecryptableCredentialIsReportedByRecordSkippedAndFailsTheRun() {
        Fixtures.User owner = fixtures.user();
        String broken = fixtures.group(owner);
        String healthy = fixtures.group(owner);
        String healthyKey = fixtures.apiKey(owner, healthy);
        String original = ciphertextOf(broken);
        // under a key id that is no longer in the ring: the state a key removed too early leaves
        String corrupted = "enc:v1:retired:" + original.substring(original.indexOf(':', "enc:v1:".length()) + 1);
        setCiphertext(broken, corrupted);
        try {
            AdminCliAccess.Result result = AdminCliAccess.runCapturing(DATA_DIR, "rotate-encryption-key");

            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output())
                    .contains("api keys: FAILED record " + broken + " (group " + broken + ", field apiKey)")
                    .contains("retired=1")
                    .contains("could not be decrypted and were left as they are")
                    .doesNotContain(corrupted)
                    .doesNotContain(corrupted.substring("enc:v1:retired:".length()))
                    .doesNotContain(healthyKey);
            assertThat(ciphertextOf(broken)).isEqualTo(corrupted);
            assertThat(fixtures.apiKey(owner, healthy)).isEqualTo(healthyKey);
        } finally {
            setCiphertext(broken, original);
        }
    }

    @Test
    void runWithEverythingUnderTheActiveKeyChangesNothingAndSucceeds() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String before = ciphertextOf(group);

        AdminCliAccess.Result result = AdminCliAccess.runCapturing(DATA_DIR, "rotate-encryption-key");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("api keys: 0 to re-encrypt")
                .contains("every stored credential is under " + cipher.activeKeyId());
        assertThat(ciphertextOf(group)).isEqualTo(before);
    }

    @Test
    void generateIsRefusedWhenTheKeyRingComesFromTheEnvironment() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

        int exitCode = AdminCli.run(
                new String[] {"rotate-encryption-key", "--generate"},
                Map.of("VIVREAL_DATA_DIR", DATA_DIR.toString(), "VIVREAL_SECRETS", "env"),
                print,
                print);

        assertThat(exitCode).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("comes from the environment (VIVREAL_SECRET_ENCRYPTION_KEYS)")
                .contains("Add the new key in the secret store yourself");
    }

    @Test
    void commandContextFindsTheStoresAndRunsNoBackgroundWork() {
        try (ConfigurableApplicationContext context =
                AdminContext.start(Map.of("VIVREAL_DATA_DIR", DATA_DIR.toString()))) {
            assertThat(context.getBeansOfType(EncryptedFieldStore.class).values())
                    .hasAtLeastOneElementOfType(ApiKeyCiphertextStore.class)
                    .hasAtLeastOneElementOfType(io.vivreal.distribution.connections.ConnectionSecretsStore.class);
            // the server's periodic work (go-live, usage flush); an idle executor is not work
            assertThat(context.getBeansOfType(PeriodicTask.class))
                    .isNotEmpty()
                    .allSatisfy((name, task) ->
                            assertThat(task.isRunning()).as(name).isFalse());
        }
    }

    @Test
    void badBatchSizeIsAUsageError() {
        assertThat(AdminCliAccess.runCapturing(DATA_DIR, "rotate-encryption-key", "--batch-size", "0")
                        .exitCode())
                .isEqualTo(2);
        assertThat(AdminCliAccess.runCapturing(DATA_DIR, "rotate-encryption-key", "--bogus")
                        .exitCode())
                .isEqualTo(2);
    }
}
