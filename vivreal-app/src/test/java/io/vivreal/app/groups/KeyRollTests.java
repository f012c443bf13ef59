package io.vivreal.app.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.apikey.ApiKeyUsageTracker;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.store.ControlPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Rolling the API key with an overlap: the new key works at once, the old one keeps working until
 * the overlap ends (or is revoked early) and then answers the same 403 as an unknown key.
 */
class KeyRollTests extends ServerTest {

    private static final String CLIENT_ROUTE = "/tenant/collectionObjects?collectionId=0123456789abcdef01234567";
    private static final String FORBIDDEN = "{\"success\":false,\"data\":null,\"error\":\"Forbidden\"}";

    @Autowired
    ControlPlane controlPlane;

    @Autowired
    GroupRepository groupRepository;

    @Autowired
    ApiKeyUsageTracker usage;

    private Http.Response roll(Fixtures.User caller, String group, Object overlap) {
        return http.post(
                "/api/groups/" + group + "/api-key/roll",
                overlap == null ? Map.of() : Map.of("overlap", overlap),
                caller.auth());
    }

    @Test
    void bothKeysAuthorizeDuringTheOverlapAndGetShowsThePreviousKey() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String oldKey = fixtures.apiKey(owner, group);
        Instant before = Instant.now();

        Http.Response rolled = roll(owner, group, "PT24H");

        assertThat(rolled.status()).as(rolled.body()).isEqualTo(200);
        assertThat(rolled.header("Cache-Control")).contains("no-store");
        String newKey = rolled.json().get("apiKey").asString();
        assertThat(newKey).isNotEqualTo(oldKey).matches("vr_[0-9A-Za-z]{49}");
        assertThat(http.get(CLIENT_ROUTE, "Authorization", newKey).status()).isEqualTo(200);
        assertThat(http.get(CLIENT_ROUTE, "Authorization", oldKey).status()).isEqualTo(200);

        JsonNode shown =
                http.get("/api/groups/" + group + "/api-key", owner.auth()).json();
        assertThat(shown.get("apiKey").asString()).isEqualTo(newKey);
        JsonNode previous = shown.get("previous");
        assertThat(previous.get("prefix").asString()).isEqualTo(oldKey.substring(0, 7));
        Instant expiresAt = Instant.parse(previous.get("expiresAt").asString());
        assertThat(expiresAt)
                .isBetween(before.plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(24)));
        assertThat(previous.get("lastUsedAt").asString()).endsWith("Z");
        assertThat(shown.toString()).doesNotContain(oldKey);
    }

    @Test
    void theOldKeyIsForbiddenWithinOneSecondOfTheOverlapsEndAndIsThenSwept() throws Exception {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String oldKey = fixtures.apiKey(owner, group);
        assertThat(http.get(CLIENT_ROUTE, "Authorization", oldKey).status()).isEqualTo(200);

        Http.Response rolled = roll(owner, group, "PT2S");
        Instant expiresAt =
                Instant.parse(rolled.json().get("previous").get("expiresAt").asString());
        String newKey = rolled.json().get("apiKey").asString();

        Duration late;
        while (true) {
            Http.Response answer = http.get(CLIENT_ROUTE, "Authorization", oldKey);
            Instant at = Instant.now();
            if (answer.status() == 403) {
                assertThat(answer.body()).isEqualTo(FORBIDDEN);
                late = Duration.between(expiresAt, at);
                break;
            }
            assertThat(answer.status()).isEqualTo(200);
            assertThat(Duration.between(expiresAt, at))
                    .as("old key still accepted after its overlap")
                    .isLessThan(Duration.ofSeconds(1));
            Thread.sleep(50);
        }
        assertThat(late).as("refused only once the overlap ended").isPositive();
        assertThat(http.get(CLIENT_ROUTE, "Authorization", newKey).status()).isEqualTo(200);
        assertThat(http.get("/api/groups/" + group + "/api-key", owner.auth())
                        .json()
                        .has("previous"))
                .as("no previous key once the overlap ended")
                .isFalse();

        groupRepository.sweepExpired();
        Document stored = controlPlane
                .collection("groups")
                .find(Filters.eq("_id", new ObjectId(group)))
                .first();
        assertThat(stored).doesNotContainKey("apiKeyPrevious");
    }

    @Test
    void revokePreviousEndsTheOverlapAtOnceAndIsAudited() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String oldKey = fixtures.apiKey(owner, group);
        String newKey = roll(owner, group, "P7D").json().get("apiKey").asString();
        assertThat(http.get(CLIENT_ROUTE, "Authorization", oldKey).status()).isEqualTo(200);

        Http.Response revoked = http.post("/api/groups/" + group + "/api-key/previous/revoke", null, owner.auth());

        assertThat(revoked.status()).isEqualTo(204);
        Http.Response old = http.get(CLIENT_ROUTE, "Authorization", oldKey);
        assertThat(old.status()).isEqualTo(403);
        assertThat(old.body()).isEqualTo(FORBIDDEN);
        assertThat(http.get(CLIENT_ROUTE, "Authorization", newKey).status()).isEqualTo(200);
        assertThat(http.post("/api/groups/" + group + "/api-key/previous/revoke", null, owner.auth())
                        .status())
                .as("nothing left to revoke")
                .isEqualTo(404);
        List<String> actions = http.get("/api/groups/" + group + "/audit", owner.auth())
                .json()
                .valueStream()
                .map(entry -> entry.get("action").asString())
                .toList();
        assertThat(actions).contains("api_key.rolled", "api_key.previous_revoked");
    }

    @Test
    void regenerateDuringAnOverlapStopsBothOldKeysAtOnce() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String first = fixtures.apiKey(owner, group);
        String second = roll(owner, group, "PT1H").json().get("apiKey").asString();
        assertThat(http.get(CLIENT_ROUTE, "Authorization", first).status()).isEqualTo(200);

        String third = http.post("/api/groups/" + group + "/api-key/regenerate", null, owner.auth())
                .json()
                .get("apiKey")
                .asString();

        assertThat(http.get(CLIENT_ROUTE, "Authorization", first).status()).isEqualTo(403);
        assertThat(http.get(CLIENT_ROUTE, "Authorization", second).status()).isEqualTo(403);
        assertThat(http.get(CLIENT_ROUTE, "Authorization", third).status()).isEqualTo(200);
    }

    @Test
    void aSecondRollEndsTheFirstRollsOverlapSoOnlyTwoKeysEverAuthorize() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String first = fixtures.apiKey(owner, group);
        assertThat(http.get(CLIENT_ROUTE, "Authorization", first).status()).isEqualTo(200);
        String second = roll(owner, group, "PT1H").json().get("apiKey").asString();
        String third = roll(owner, group, "PT1H").json().get("apiKey").asString();

        assertThat(http.get(CLIENT_ROUTE, "Authorization", first).status()).isEqualTo(403);
        assertThat(http.get(CLIENT_ROUTE, "Authorization", second).status()).isEqualTo(200);
        assertThat(http.get(CLIENT_ROUTE, "Authorization", third).status()).isEqualTo(200);
    }

    @Test
    void theOverlapMustBeAPositiveDurationOfAtMostSevenDays() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);

        for (Object bad : List.of("PT0S", "-PT1H", "P8D", "PT168H1S", "tomorrow", "", "{\"$gt\":1}", 86400)) {
            Http.Response refused = roll(owner, group, bad);
            assertThat(refused.status()).as(bad + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("field").asString()).isEqualTo("overlap");
            assertThat(refused.body()).doesNotContain("Exception");
        }
        Http.Response missing = roll(owner, group, null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("overlap");

        assertThat(fixtures.apiKey(owner, group)).as("nothing rolled").isEqualTo(key);
        assertThat(roll(owner, group, "P7D").status()).isEqualTo(200);
        assertThat(roll(owner, group, "PT168H").status()).isEqualTo(200);
    }

    @Test
    void editorsAndViewersCannotRollOrRevokeAndOtherGroupsAreNotFound() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User editor = fixtures.user();
        Fixtures.User viewer = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, editor, "editor");
        fixtures.addMember(owner, group, viewer, "viewer");
        String key = fixtures.apiKey(owner, group);

        for (Fixtures.User weak : List.of(editor, viewer)) {
            assertThat(roll(weak, group, "PT1H").status()).isEqualTo(403);
            assertThat(http.post("/api/groups/" + group + "/api-key/previous/revoke", null, weak.auth())
                            .status())
                    .isEqualTo(403);
        }
        assertThat(fixtures.apiKey(owner, group)).isEqualTo(key);

        Fixtures.User stranger = fixtures.user();
        String strangersGroup = fixtures.group(stranger);
        assertThat(roll(stranger, group, "PT1H").status()).isEqualTo(404);
        assertThat(http.post("/api/groups/" + group + "/api-key/previous/revoke", null, stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(roll(owner, strangersGroup, "PT1H").status()).isEqualTo(404);
        assertThat(roll(owner, "not-an-id", "PT1H").status()).isEqualTo(404);

        Fixtures.User admin = fixtures.user();
        String adminsGroup = fixtures.group(owner);
        fixtures.addMember(owner, adminsGroup, admin, "admin");
        assertThat(roll(admin, adminsGroup, "PT1H").status())
                .as("admins may roll")
                .isEqualTo(200);
        assertThat(http.post("/api/groups/" + adminsGroup + "/api-key/previous/revoke", null, admin.auth())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void thePreviousKeysUseIsFlushedToItsOwnLastUsedAt() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String oldKey = fixtures.apiKey(owner, group);
        String newKey = roll(owner, group, "PT1H").json().get("apiKey").asString();
        Instant before = Instant.now().minusMillis(1);

        assertThat(http.get(CLIENT_ROUTE, "Authorization", oldKey).status()).isEqualTo(200);
        usage.flush();

        Document stored = controlPlane
                .collection("groups")
                .find(Filters.eq("_id", new ObjectId(group)))
                .first();
        Date previousUse = stored.get("apiKeyPrevious", Document.class).getDate("lastUsedAt");
        assertThat(previousUse.toInstant()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(stored.get("apiKey", Document.class).getDate("lastUsedAt"))
                .as("the new key was not used")
                .isNull();

        assertThat(http.get(CLIENT_ROUTE, "Authorization", newKey).status()).isEqualTo(200);
        usage.flush();
        stored = controlPlane
                .collection("groups")
                .find(Filters.eq("_id", new ObjectId(group)))
                .first();
        assertThat(stored.get("apiKey", Document.class).getDate("lastUsedAt")).isNotNull();
    }

    @Test
    void thePreviousKeysLookupHashIsUniquelyIndexed() {
        Fixtures.User owner = fixtures.user();
        String first = fixtures.group(owner);
        String second = fixtures.group(owner);
        roll(owner, first, "PT1H");
        MongoCollection<Document> groups = controlPlane.collection("groups");
        String hash = groups.find(Filters.eq("_id", new ObjectId(first)))
                .first()
                .get("apiKeyPrevious", Document.class)
                .getString("hash");

        assertThatThrownBy(() -> groups.updateOne(
                        Filters.eq("_id", new ObjectId(second)), Updates.set("apiKeyPrevious.hash", hash)))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("duplicate key");
    }
}
