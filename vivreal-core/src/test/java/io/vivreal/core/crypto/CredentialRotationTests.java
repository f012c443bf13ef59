package io.vivreal.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.core.apikey.StoredApiKey;
import io.vivreal.core.group.ApiKeyCiphertextStore;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.EmbeddedMongoStore;
import io.vivreal.core.store.StoreConfiguration;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rotation over the groups' API-key ciphertexts in the embedded store. */
class CredentialRotationTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String K1 = "k1:" + key();
    private static final String K2 = "k2:" + key();
    private static final CredentialCipher OLD_RING = AesGcmCredentialCipher.fromKeyRing(K1, RANDOM);
    private static final CredentialCipher NEW_RING = AesGcmCredentialCipher.fromKeyRing(K2 + "," + K1, RANDOM);

    @TempDir
    static Path dataDir;

    private static EmbeddedMongoStore embedded;
    private static MongoClient client;
    private MongoCollection<Document> groups;
    private ApiKeyCiphertextStore store;
    private final Map<String, String> plaintexts = new LinkedHashMap<>();
    private final Recorder progress = new Recorder();

    private static String key() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @BeforeAll
    static void startStore() {
        embedded = EmbeddedMongoStore.start(dataDir);
        client = MongoClients.create(StoreConfiguration.settings(embedded.connectionString()));
    }

    @AfterAll
    static void stopStore() {
        client.close();
        embedded.close();
    }

    @BeforeEach
    void freshControlPlane() {
        ControlPlane controlPlane = new ControlPlane(client.getDatabase("cp_" + new ObjectId().toHexString()));
        groups = controlPlane.collection("groups");
        store = new ApiKeyCiphertextStore(controlPlane);
    }

    private void seed(int count, CredentialCipher cipher) {
        for (int i = 0; i < count; i++) {
            String id = new ObjectId().toHexString();
            String plaintext = "vr_" + key();
            plaintexts.put(id, plaintext);
            groups.insertOne(new Document("_id", new ObjectId(id))
                    .append(
                            "apiKey",
                            new Document("hash", "hash-" + id)
                                    .append("ciphertext", cipher.encrypt(plaintext, StoredApiKey.binding(id)))));
        }
    }

    private String ciphertextOf(String id) {
        return groups.find(Filters.eq("_id", new ObjectId(id)))
                .first()
                .get("apiKey", Document.class)
                .getString("ciphertext");
    }

    private void corrupt(String id, String value) {
        groups.updateOne(Filters.eq("_id", new ObjectId(id)), Updates.set("apiKey.ciphertext", value));
    }

    private Map<String, String> snapshot() {
        Map<String, String> values = new LinkedHashMap<>();
        plaintexts.keySet().forEach(id -> values.put(id, ciphertextOf(id)));
        return values;
    }

    private CredentialRotation.Result rotate(int batchSize) {
        return new CredentialRotation(NEW_RING, List.of(store)).run(batchSize, progress);
    }

    @Test
    void everyValueEndsUnderTheActiveKeyAndStillDecryptsToTheSameSecret() {
        seed(23, OLD_RING);

        CredentialRotation.Result result = rotate(5);

        assertThat(result.activeKeyId()).isEqualTo("k2");
        assertThat(result.stores()).singleElement().satisfies(store -> {
            assertThat(store.reencrypted()).isEqualTo(23);
            assertThat(store.failed()).isEmpty();
            assertThat(store.counts()).containsExactly(Map.entry("k2", 23L), Map.entry("k1", 0L));
        });
        assertThat(result.notUnderActiveKey()).isZero();
        assertThat(result.anyFailed()).isFalse();
        plaintexts.forEach((id, plaintext) -> {
            assertThat(NEW_RING.keyIdOf(ciphertextOf(id))).isEqualTo("k2");
            assertThat(NEW_RING.decrypt(ciphertextOf(id), StoredApiKey.binding(id)))
                    .isEqualTo(plaintext);
        });
    }

    @Test
    void progressIsReportedPerStoreAndBatch() {
        seed(12, OLD_RING);

        rotate(5);

        assertThat(progress.lines)
                .containsExactly(
                        "started api keys pending=12 {k2=0, k1=12}",
                        "batch api keys 1 Batch[reencrypted=5, changedMeanwhile=0, failed=0]",
                        "batch api keys 2 Batch[reencrypted=5, changedMeanwhile=0, failed=0]",
                        "batch api keys 3 Batch[reencrypted=2, changedMeanwhile=0, failed=0]");
    }

    @Test
    void secondRunChangesNothing() {
        seed(9, OLD_RING);
        rotate(4);
        Map<String, String> afterFirst = snapshot();

        CredentialRotation.Result again = rotate(4);

        assertThat(snapshot()).isEqualTo(afterFirst);
        assertThat(again.stores().get(0).reencrypted()).isZero();
        assertThat(again.stores().get(0).counts()).containsEntry("k2", 9L).containsEntry("k1", 0L);
    }

    @Test
    void runKilledHalfWayIsFinishedByTheNextRun() {
        seed(20, OLD_RING);
        CredentialRotation.Progress dies = new Recorder() {
            @Override
            public void batch(String store, int number, CredentialRotation.Batch batch) {
                if (number == 2) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThatThrownBy(() -> new CredentialRotation(NEW_RING, List.of(store)).run(5, dies))
                .hasMessage("killed");
        assertThat(store.countByKeyId()).isEqualTo(Map.of("k1", 10L, "k2", 10L));

        CredentialRotation.Result resumed = rotate(5);

        assertThat(progress.lines.get(0)).isEqualTo("started api keys pending=10 {k2=10, k1=10}");
        assertThat(resumed.stores().get(0).reencrypted()).isEqualTo(10);
        assertThat(resumed.notUnderActiveKey()).isZero();
        plaintexts.forEach((id, plaintext) -> assertThat(NEW_RING.decrypt(ciphertextOf(id), StoredApiKey.binding(id)))
                .isEqualTo(plaintext));
    }

    @Test
    void corruptedValueIsReportedByRecordAndSkippedWhileTheRestIsRotated() {
        seed(11, OLD_RING);
        String broken = new ArrayList<>(plaintexts.keySet()).get(4);
        String original = ciphertextOf(broken);
        byte[] raw = Base64.getDecoder().decode(original.substring("enc:v1:k1:".length()));
        raw[raw.length - 1] ^= 1;
        String flipped = "enc:v1:k1:" + Base64.getEncoder().encodeToString(raw);
        corrupt(broken, flipped);

        CredentialRotation.Result result = rotate(3);

        CredentialRotation.StoreResult apiKeys = result.stores().get(0);
        assertThat(result.anyFailed()).isTrue();
        assertThat(apiKeys.failed()).singleElement().satisfies(field -> {
            assertThat(field.describe()).isEqualTo("record " + broken + " (group " + broken + ", field apiKey)");
            assertThat(field.toString()).doesNotContain(flipped).doesNotContain(original);
        });
        assertThat(progress.lines)
                .contains("failed api keys record " + broken + " (group " + broken + ", field apiKey)");
        assertThat(apiKeys.reencrypted()).isEqualTo(10);
        assertThat(apiKeys.counts()).containsExactly(Map.entry("k2", 10L), Map.entry("k1", 1L));
        assertThat(result.notUnderActiveKey()).isEqualTo(1);
        assertThat(ciphertextOf(broken)).isEqualTo(flipped);
    }

    @Test
    void valuesUnderAnUnknownKeyOrNotEncryptedAtAllAreReportedAndSkipped() {
        seed(4, OLD_RING);
        List<String> ids = new ArrayList<>(plaintexts.keySet());
        corrupt(ids.get(1), "enc:v1:retired:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        corrupt(ids.get(2), "vr_plaintext_key");

        CredentialRotation.Result result = rotate(10);

        CredentialRotation.StoreResult apiKeys = result.stores().get(0);
        assertThat(apiKeys.failed())
                .extracting(field -> field.binding().recordId())
                .containsExactly(ids.get(1), ids.get(2));
        assertThat(apiKeys.counts())
                .containsExactly(
                        Map.entry("k2", 2L),
                        Map.entry("k1", 0L),
                        Map.entry("retired", 1L),
                        Map.entry(EncryptedField.UNREADABLE, 1L));
        assertThat(ciphertextOf(ids.get(2))).isEqualTo("vr_plaintext_key");
    }

    @Test
    void valueChangedMeanwhileIsLeftToItsWriter() {
        seed(3, OLD_RING);
        String changed = plaintexts.keySet().iterator().next();
        String writersValue = OLD_RING.encrypt("vr_regenerated", StoredApiKey.binding(changed));
        EncryptedFieldStore racing = new Delegating(store) {
            @Override
            public boolean replace(EncryptedField field, String newCiphertext) {
                if (field.binding().recordId().equals(changed)) {
                    corrupt(changed, writersValue);
                }
                return super.replace(field, newCiphertext);
            }
        };

        CredentialRotation.Result result = new CredentialRotation(NEW_RING, List.of(racing)).run(10, progress);

        assertThat(result.stores().get(0).reencrypted()).isEqualTo(2);
        assertThat(result.stores().get(0).changedMeanwhile()).isEqualTo(1);
        assertThat(ciphertextOf(changed)).isEqualTo(writersValue);
        assertThat(result.notUnderActiveKey()).isEqualTo(1);

        rotate(10);
        assertThat(NEW_RING.decrypt(ciphertextOf(changed), StoredApiKey.binding(changed)))
                .isEqualTo("vr_regenerated");
        assertThat(NEW_RING.keyIdOf(ciphertextOf(changed))).isEqualTo("k2");
    }

    @Test
    void ciphertextMovedToAnotherGroupIsNotReencryptedForIt() {
        seed(2, OLD_RING);
        List<String> ids = new ArrayList<>(plaintexts.keySet());
        String moved = ciphertextOf(ids.get(0));
        corrupt(ids.get(1), moved);

        CredentialRotation.Result result = rotate(10);

        assertThat(result.stores().get(0).failed())
                .extracting(field -> field.binding().recordId())
                .containsExactly(ids.get(1));
        assertThat(ciphertextOf(ids.get(1))).isEqualTo(moved);
    }

    @Test
    void storeWhoseBatchesDoNotAdvanceIsRefused() {
        seed(2, OLD_RING);
        EncryptedFieldStore stuck = new Delegating(store) {
            @Override
            public List<EncryptedField> batchNotUnder(String active, Optional<EncryptedField> after, int size) {
                return super.batchNotUnder(active, Optional.empty(), size);
            }

            @Override
            public boolean replace(EncryptedField field, String newCiphertext) {
                return false;
            }
        };

        assertThatThrownBy(() -> new CredentialRotation(NEW_RING, List.of(stuck)).run(1, progress))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not advance");
    }

    @Test
    void batchSizeMustBePositive() {
        assertThatThrownBy(() -> rotate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static class Recorder implements CredentialRotation.Progress {
        final List<String> lines = new ArrayList<>();

        @Override
        public void started(String store, long pending, Map<String, Long> counts) {
            lines.add("started " + store + " pending=" + pending + " " + counts);
        }

        @Override
        public void batch(String store, int number, CredentialRotation.Batch batch) {
            lines.add("batch " + store + " " + number + " " + batch);
        }

        @Override
        public void failed(String store, EncryptedField field) {
            lines.add("failed " + store + " " + field.describe());
        }
    }

    private static class Delegating implements EncryptedFieldStore {
        private final EncryptedFieldStore delegate;

        Delegating(EncryptedFieldStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<EncryptedField> batchNotUnder(String active, Optional<EncryptedField> after, int size) {
            return delegate.batchNotUnder(active, after, size);
        }

        @Override
        public boolean replace(EncryptedField field, String newCiphertext) {
            return delegate.replace(field, newCiphertext);
        }

        @Override
        public Map<String, Long> countByKeyId() {
            return delegate.countByKeyId();
        }
    }
}
