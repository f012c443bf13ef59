package io.vivreal.core.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.core.apikey.StoredApiKey;
import io.vivreal.core.crypto.AesGcmCredentialCipher;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.EmbeddedMongoStore;
import io.vivreal.core.store.StoreConfiguration;
import io.vivreal.core.tenancy.TenantScope;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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

class ApiKeyCiphertextStoreTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OLD = "k1:" + key();
    private static final String NEW = "k2:" + key();
    private static final CredentialCipher OLD_RING = AesGcmCredentialCipher.fromKeyRing(OLD, RANDOM);
    private static final CredentialCipher NEW_RING = AesGcmCredentialCipher.fromKeyRing(NEW + "," + OLD, RANDOM);

    @TempDir
    static Path dataDir;

    private static EmbeddedMongoStore embedded;
    private static MongoClient client;
    private ControlPlane controlPlane;
    private GroupRepository groups;
    private ApiKeyCiphertextStore store;

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
        controlPlane = new ControlPlane(client.getDatabase("cp_" + new ObjectId().toHexString()));
        groups = new GroupRepository(controlPlane, java.time.Clock.systemUTC());
        store = new ApiKeyCiphertextStore(controlPlane);
    }

    private String group(CredentialCipher cipher, Tier tier) {
        ObjectId id = new ObjectId();
        Group group = new Group(
                id.toHexString(),
                "Group",
                "group-" + id.toHexString(),
                tier.databaseFor(id),
                tier,
                false,
                Instant.now(),
                List.of(),
                0);
        String plaintext = "vr_plain_" + id.toHexString();
        groups.insert(
                group,
                new StoredApiKey(
                        "hash-" + id.toHexString(),
                        cipher.encrypt(plaintext, StoredApiKey.binding(id.toHexString())),
                        "vr_plain",
                        Instant.now(),
                        null));
        return id.toHexString();
    }

    private String ciphertextOf(String groupId) {
        return groups.findApiKey(groupId).orElseThrow().ciphertext();
    }

    private static List<String> recordIds(List<EncryptedField> fields) {
        return fields.stream().map(field -> field.binding().recordId()).toList();
    }

    @Test
    void batchHoldsOnlyValuesUnderOtherKeysInIdOrder() {
        String a = group(OLD_RING, Tier.FREE);
        group(NEW_RING, Tier.FREE);
        String c = group(OLD_RING, Tier.ENTERPRISE);

        List<EncryptedField> batch = store.batchNotUnder("k2", Optional.empty(), 10);

        assertThat(recordIds(batch)).containsExactly(a, c);
        assertThat(batch.get(0).binding()).isEqualTo(StoredApiKey.binding(a));
        assertThat(batch.get(0).ciphertext()).isEqualTo(ciphertextOf(a));
        assertThat(batch.get(0).path()).isEqualTo("apiKey.ciphertext");
        assertThat(batch.get(0).database()).isEqualTo(controlPlane.databaseName());
        assertThat(batch.get(0).keyId()).isEqualTo("k1");
    }

    @Test
    void batchIsLimitedAndResumesAfterTheCursorsRecord() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(group(OLD_RING, Tier.FREE));
        }

        List<EncryptedField> first = store.batchNotUnder("k2", Optional.empty(), 3);
        List<EncryptedField> second = store.batchNotUnder("k2", Optional.of(first.get(2)), 3);
        List<EncryptedField> third = store.batchNotUnder("k2", Optional.of(second.get(2)), 3);
        List<EncryptedField> none = store.batchNotUnder("k2", Optional.of(third.get(0)), 3);

        assertThat(recordIds(first)).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(recordIds(second)).containsExactlyElementsOf(ids.subList(3, 6));
        assertThat(recordIds(third)).containsExactly(ids.get(6));
        assertThat(none).isEmpty();
    }

    @Test
    void valuesThatAreNotCiphertextsAtAllArePending() {
        String broken = group(OLD_RING, Tier.FREE);
        controlPlane
                .collection("groups")
                .updateOne(Filters.eq("_id", new ObjectId(broken)), Updates.set("apiKey.ciphertext", "garbage"));

        List<EncryptedField> batch = store.batchNotUnder("k1", Optional.empty(), 10);

        assertThat(recordIds(batch)).containsExactly(broken);
        assertThat(batch.get(0).keyId()).isEqualTo(EncryptedField.UNREADABLE);
    }

    @Test
    void replaceWritesOnlyOverTheValueItRead() {
        String id = group(OLD_RING, Tier.FREE);
        EncryptedField read = store.batchNotUnder("k2", Optional.empty(), 1).get(0);
        String fresh = NEW_RING.encrypt(NEW_RING.decrypt(read.ciphertext(), read.binding()), read.binding());

        assertThat(store.replace(read, fresh)).isTrue();
        assertThat(store.replace(read, fresh)).isFalse();
        assertThat(ciphertextOf(id)).isEqualTo(fresh);
    }

    @Test
    void replaceLosesToAKeyChangedMeanwhile() {
        String id = group(OLD_RING, Tier.FREE);
        EncryptedField read = store.batchNotUnder("k2", Optional.empty(), 1).get(0);
        StoredApiKey regenerated = new StoredApiKey(
                "hash-new", OLD_RING.encrypt("vr_new", StoredApiKey.binding(id)), "vr_new", Instant.now(), null);
        assertThat(groups.replaceApiKey(id, "hash-" + id, regenerated)).isTrue();

        assertThat(store.replace(read, NEW_RING.encrypt("vr_plain_" + id, read.binding())))
                .isFalse();
        assertThat(ciphertextOf(id)).isEqualTo(regenerated.ciphertext());
    }

    @Test
    void replaceLeavesTheLookupHashAndTheRestOfTheKeyAlone() {
        String id = group(OLD_RING, Tier.FREE);
        Document before = controlPlane
                .collection("groups")
                .find(Filters.eq("_id", new ObjectId(id)))
                .first();
        EncryptedField read = store.batchNotUnder("k2", Optional.empty(), 1).get(0);

        store.replace(read, NEW_RING.encrypt("vr_plain_" + id, read.binding()));

        Document after = controlPlane
                .collection("groups")
                .find(Filters.eq("_id", new ObjectId(id)))
                .first();
        Document keyBefore = before.get("apiKey", Document.class);
        Document keyAfter = after.get("apiKey", Document.class);
        assertThat(keyAfter.getString("hash")).isEqualTo(keyBefore.getString("hash"));
        assertThat(keyAfter.getString("prefix")).isEqualTo(keyBefore.getString("prefix"));
        assertThat(keyAfter.getDate("createdAt")).isEqualTo(keyBefore.getDate("createdAt"));
        assertThat(after.get("rev")).isEqualTo(before.get("rev"));
    }

    @Test
    void countsCoverEveryStoredValueByKeyId() {
        group(OLD_RING, Tier.FREE);
        group(OLD_RING, Tier.PROPLUS);
        group(NEW_RING, Tier.FREE);
        String broken = group(OLD_RING, Tier.FREE);
        controlPlane
                .collection("groups")
                .updateOne(Filters.eq("_id", new ObjectId(broken)), Updates.set("apiKey.ciphertext", "plaintext!"));

        assertThat(store.countByKeyId()).isEqualTo(Map.of("k1", 2L, "k2", 1L, EncryptedField.UNREADABLE, 1L));
    }

    @Test
    void tenantScopesWalkEveryGroupInIdOrderWithItsDatabase() {
        String a = group(OLD_RING, Tier.FREE);
        String b = group(OLD_RING, Tier.ENTERPRISE);
        String c = group(OLD_RING, Tier.PROPLUS);

        assertThat(groups.tenantScopes(Optional.empty(), 2))
                .containsExactly(new TenantScope(a, "general_shared"), new TenantScope(b, "ent_" + b));
        assertThat(groups.tenantScopes(Optional.of(b), 10)).containsExactly(new TenantScope(c, "pro_plus"));
        assertThat(groups.tenantScopes(Optional.of(c), 10)).isEmpty();
    }
}
