package io.vivreal.app.groups;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.store.ControlPlane;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** Reveal and regenerate: owners and admins only; the old key stops working at once. */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyTests extends ServerTest {

    @Autowired
    ControlPlane controlPlane;

    @Test
    void anUndecryptableStoredKeyIsAClear409NamingNoValueAndRegeneratingRepairsIt(CapturedOutput output) {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        MongoCollection<Document> groups = controlPlane.collection("groups");
        groups.updateOne(
                Filters.eq("_id", new ObjectId(group)),
                Updates.set("apiKey.ciphertext", "enc:v1:k9:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

        Http.Response reveal = http.get("/api/groups/" + group + "/api-key", owner.auth());
        assertThat(reveal.status()).isEqualTo(409);
        assertThat(reveal.json().get("error").asString()).isEqualTo("credential_unreadable");
        assertThat(output.getAll())
                .contains("group " + group + ": the stored API key cannot be decrypted")
                .doesNotContain(key);
        // The lookup hash is untouched: the key still authenticates.
        assertThat(http.get("/tenant/siteDetails?siteId=000000000000000000000000", "Authorization", key)
                        .status())
                .isNotIn(401, 403);

        Http.Response regenerated = http.post("/api/groups/" + group + "/api-key/regenerate", null, owner.auth());
        assertThat(regenerated.status()).isEqualTo(200);
        assertThat(http.get("/api/groups/" + group + "/api-key", owner.auth()).status())
                .isEqualTo(200);
    }

    private static final String CLIENT_ROUTE = "/tenant/collectionObjects?collectionId=0123456789abcdef01234567";

    @Test
    void ownersAndAdminsRevealTheKey() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User admin = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, admin, "admin");

        Http.Response byOwner = http.get("/api/groups/" + group + "/api-key", owner.auth());
        Http.Response byAdmin = http.get("/api/groups/" + group + "/api-key", admin.auth());

        assertThat(byOwner.status()).isEqualTo(200);
        assertThat(byOwner.header("Cache-Control")).contains("no-store");
        JsonNode key = byOwner.json();
        assertThat(key.get("apiKey").asString()).matches("vr_[0-9A-Za-z]{49}");
        assertThat(key.get("apiKey").asString()).startsWith(key.get("prefix").asString());
        assertThat(key.get("createdAt").asString()).endsWith("Z");
        assertThat(byAdmin.json().get("apiKey").asString())
                .isEqualTo(key.get("apiKey").asString());
    }

    @Test
    void editorsAndViewersCannotRevealOrRegenerate() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User editor = fixtures.user();
        Fixtures.User viewer = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, editor, "editor");
        fixtures.addMember(owner, group, viewer, "viewer");
        String key = fixtures.apiKey(owner, group);

        for (Fixtures.User weak : List.of(editor, viewer)) {
            Http.Response reveal = http.get("/api/groups/" + group + "/api-key", weak.auth());
            Http.Response regenerate = http.post("/api/groups/" + group + "/api-key/regenerate", null, weak.auth());
            assertThat(reveal.status()).isEqualTo(403);
            assertThat(regenerate.status()).isEqualTo(403);
            assertThat(reveal.body() + regenerate.body()).doesNotContain(key);
        }
        assertThat(fixtures.apiKey(owner, group)).isEqualTo(key);
    }

    @Test
    void regenerateMakesTheOldKeyFailAtOnce() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String oldKey = fixtures.apiKey(owner, group);
        assertThat(http.get(CLIENT_ROUTE, "Authorization", oldKey).status()).isEqualTo(200);

        Http.Response regenerated = http.post("/api/groups/" + group + "/api-key/regenerate", null, owner.auth());

        assertThat(regenerated.status()).isEqualTo(200);
        assertThat(regenerated.header("Cache-Control")).contains("no-store");
        String newKey = regenerated.json().get("apiKey").asString();
        assertThat(newKey).isNotEqualTo(oldKey).matches("vr_[0-9A-Za-z]{49}");
        Http.Response old = http.get(CLIENT_ROUTE, "Authorization", oldKey);
        assertThat(old.status()).isEqualTo(403);
        assertThat(old.body()).isEqualTo("{\"success\":false,\"data\":null,\"error\":\"Forbidden\"}");
        assertThat(http.get(CLIENT_ROUTE, "Authorization", newKey).status()).isEqualTo(200);
        assertThat(fixtures.apiKey(owner, group)).isEqualTo(newKey);
    }

    @Test
    void lastUsedAtFollowsClientApiUseWithoutAWritePerRequest() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        assertThat(http.get("/api/groups/" + group + "/api-key", owner.auth())
                        .json()
                        .get("lastUsedAt")
                        .isNull())
                .isTrue();

        http.get(CLIENT_ROUTE, "Authorization", key);

        String lastUsed = http.get("/api/groups/" + group + "/api-key", owner.auth())
                .json()
                .get("lastUsedAt")
                .asString();
        assertThat(lastUsed).endsWith("Z");
    }
}
