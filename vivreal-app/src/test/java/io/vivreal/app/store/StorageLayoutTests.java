package io.vivreal.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.core.apikey.ApiKeyUsageTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Where data lands: the control plane in {@code vivreal}, each group's tenant data in the database
 * its tier chose at creation, with the indexes created at start-up.
 */
@SpringBootTest(classes = VivrealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorageLayoutTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "vivreal.data-dir",
                () -> Path.of("target", "test-data", "layout-" + UUID.randomUUID())
                        .toAbsolutePath()
                        .toString());
        registry.add("vivreal.self-service-tiers", () -> "free,proplus,enterprise");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoClient client;

    @Autowired
    ApiKeyUsageTracker usage;

    private Http http;
    private Fixtures fixtures;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
        fixtures = new Fixtures(http);
    }

    @Test
    void eachTierGetsItsDatabaseAndTenantDataLandsThere() {
        Fixtures.User owner = fixtures.user();
        Map<String, String> expected = Map.of("free", "general_shared", "proplus", "pro_plus", "enterprise", "ent_");

        for (Map.Entry<String, String> tier : expected.entrySet()) {
            Http.Response created =
                    http.post("/api/groups", Map.of("name", "T " + tier.getKey(), "tier", tier.getKey()), owner.auth());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String groupId = created.json().get("groupID").asString();
            String dbKey = created.json().get("dbKey").asString();
            assertThat(dbKey).startsWith(tier.getValue());
            if (tier.getKey().equals("enterprise")) {
                assertThat(dbKey).isEqualTo("ent_" + groupId);
            }
            long audited = client.getDatabase(dbKey)
                    .getCollection("audit_logs")
                    .countDocuments(new Document("groupID", groupId));
            assertThat(audited)
                    .as("audit entries of %s in %s", tier.getKey(), dbKey)
                    .isEqualTo(2);
            Document group = client.getDatabase("vivreal")
                    .getCollection("groups")
                    .find(new Document("_id", new ObjectId(groupId)))
                    .first();
            assertThat(group).isNotNull();
            assertThat(group.getString("dbKey")).isEqualTo(dbKey);
        }
        assertThat(client.getDatabase("vivreal").getCollection("audit_logs").countDocuments())
                .isZero();
    }

    @Test
    void groupsHoldNoPlaintextKeyOnlyItsHashAndCiphertext() {
        Fixtures.User owner = fixtures.user();
        String groupId = fixtures.group(owner);
        String key = fixtures.apiKey(owner, groupId);

        Document stored = client.getDatabase("vivreal")
                .getCollection("groups")
                .find(new Document("_id", new ObjectId(groupId)))
                .first();

        Document apiKey = stored.get("apiKey", Document.class);
        assertThat(apiKey.getString("hash")).matches("[0-9a-f]{64}");
        assertThat(apiKey.getString("ciphertext")).startsWith("enc:v1:");
        assertThat(stored.toJson()).doesNotContain(key);
    }

    @Test
    void rememberedKeyUseIsWrittenByTheFlushNotByTheRequest() {
        Fixtures.User owner = fixtures.user();
        String groupId = fixtures.group(owner);
        String key = fixtures.apiKey(owner, groupId);
        usage.flush();

        http.get("/tenant/collectionObjects?collectionId=0123456789abcdef01234567", "Authorization", key);
        Document before = storedKey(groupId);
        usage.flush();
        Document after = storedKey(groupId);

        assertThat(before.get("lastUsedAt")).as("no write on the request path").isNull();
        assertThat(after.getDate("lastUsedAt")).isNotNull();
    }

    private Document storedKey(String groupId) {
        return client.getDatabase("vivreal")
                .getCollection("groups")
                .find(new Document("_id", new ObjectId(groupId)))
                .first()
                .get("apiKey", Document.class);
    }

    @Test
    void uniqueIndexesExistFromStartUp() {
        List<Document> groupIndexes = client.getDatabase("vivreal")
                .getCollection("groups")
                .listIndexes()
                .into(new ArrayList<>());
        List<Document> userIndexes = client.getDatabase("vivreal")
                .getCollection("users")
                .listIndexes()
                .into(new ArrayList<>());

        assertThat(groupIndexes.toString()).contains("apiKey.hash", "key");
        assertThat(userIndexes.toString()).contains("emailKey", "externalId");
        Document duplicateHash = new Document("apiKey", new Document("hash", "f".repeat(64))).append("key", "dup-a");
        client.getDatabase("vivreal").getCollection("groups").insertOne(duplicateHash);
        assertThatThrownBy(() -> client.getDatabase("vivreal")
                        .getCollection("groups")
                        .insertOne(new Document("apiKey", new Document("hash", "f".repeat(64))).append("key", "dup-b")))
                .isInstanceOf(MongoWriteException.class);
    }
}
