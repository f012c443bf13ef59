package io.vivreal.app.networks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.vivreal.app.fakes.FakeBluesky;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code bluesky} channels through the Management API, delivered to a local PDS. */
class BlueskyChannelTests extends ServerTest {

    static final String HANDLE = "bakery.test";
    static final String APP_PASSWORD = "w1x2-y3z4-a5b6-c7d8";

    @Autowired
    MongoClient mongo;

    Fixtures.User owner;
    String group;
    FakeBluesky pds;

    @BeforeEach
    void groupAndPds() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        pds = new FakeBluesky(HANDLE, APP_PASSWORD);
    }

    @AfterEach
    void stop() {
        pds.close();
    }

    String path(String rest) {
        return "/api/groups/" + group + "/channels" + rest;
    }

    Http.Response create(Map<String, Object> settings) {
        return http.post(path(""), Map.of("type", "bluesky", "name", "Bluesky", "settings", settings), owner.auth());
    }

    Map<String, Object> settings() {
        return Map.of("service", pds.url(), "handle", HANDLE, "appPassword", APP_PASSWORD);
    }

    @Test
    void theAppPasswordIsEncryptedAndAnsweredMasked() {
        Http.Response created = create(settings());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("_id").asString();
        for (Http.Response answer :
                List.of(created, http.get(path("/" + id), owner.auth()), http.get(path(""), owner.auth()))) {
            assertThat(answer.body()).doesNotContain(APP_PASSWORD);
        }
        JsonNode settings = http.get(path("/" + id), owner.auth()).json().get("settings");
        assertThat(settings.get("appPassword").asString()).isEqualTo("****c7d8");
        assertThat(settings.get("handle").asString()).isEqualTo(HANDLE);
        assertThat(settings.get("service").asString()).isEqualTo(pds.url());

        String dbKey = http.get("/api/groups/" + group, owner.auth())
                .json()
                .get("dbKey")
                .asString();
        Document stored = mongo.getDatabase(dbKey)
                .getCollection("channels")
                .find(Filters.eq("_id", new ObjectId(id)))
                .first();
        assertThat(stored.get("settings", Document.class).getString("appPassword"))
                .startsWith("enc:v1:");
        assertThat(stored.toJson()).doesNotContain(APP_PASSWORD);

        // the masked hint sent back keeps the password; an empty service falls back to bsky.social
        Http.Response updated = http.put(
                path("/" + id), Map.of("settings", Map.of("appPassword", "****c7d8", "service", "")), owner.auth());
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("settings").has("service")).isFalse();
        assertThat(stored.get("settings", Document.class).getString("appPassword"))
                .isEqualTo(mongo.getDatabase(dbKey)
                        .getCollection("channels")
                        .find(Filters.eq("_id", new ObjectId(id)))
                        .first()
                        .get("settings", Document.class)
                        .getString("appPassword"));
    }

    @Test
    void badSettingsAreA400NamingTheField() {
        Map<String, Map<String, Object>> refused = new java.util.LinkedHashMap<>();
        refused.put("settings.handle", with("handle", "not a handle"));
        refused.put("settings.appPassword", with("appPassword", "my real account password"));
        refused.put("settings.service", with("service", "ftp://bsky.example"));
        refused.put("settings.service ", with("service", "http://169.254.169.254/"));
        refused.put("settings.handle ", with("handle", "@alice.bsky.social\r\nX: 1"));
        refused.put("settings.accessToken", with("accessToken", "x"));
        Map<String, Object> noPassword = new HashMap<>(settings());
        noPassword.remove("appPassword");
        refused.put("settings.appPassword ", noPassword);
        for (Map.Entry<String, Map<String, Object>> entry : refused.entrySet()) {
            Http.Response answer = create(entry.getValue());
            assertThat(answer.status()).as(entry.getKey() + " " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("field").asString())
                    .isEqualTo(entry.getKey().strip());
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("my real account password");
        }
        assertThat(http.get(path(""), owner.auth()).json().size()).isZero();
    }

    Map<String, Object> with(String key, Object value) {
        Map<String, Object> settings = new HashMap<>(settings());
        settings.put(key, value);
        return settings;
    }

    @Test
    void anotherGroupsBlueskyChannelIsNotFound() {
        String id = create(settings()).json().get("_id").asString();
        Fixtures.User stranger = fixtures.user();
        String other = fixtures.group(stranger);
        String theirs = "/api/groups/" + other + "/channels/" + id;
        assertThat(http.get(theirs, stranger.auth()).status()).isEqualTo(404);
        assertThat(http.put(theirs, Map.of("name", "mine"), stranger.auth()).status())
                .isEqualTo(404);
        assertThat(http.post(theirs + "/test", null, stranger.auth()).status()).isEqualTo(404);
        assertThat(http.get(path("/" + id), stranger.auth()).status()).isEqualTo(404);
        assertThat(pds.calls(FakeBluesky.SESSION)).isZero();
    }

    @Test
    void aTestChecksTheAppPasswordWithoutPosting() {
        String id = create(settings()).json().get("_id").asString();
        Http.Response tested = http.post(path("/" + id + "/test"), null, owner.auth());
        assertThat(tested.json().get("status").asString()).isEqualTo("delivered");
        assertThat(pds.calls(FakeBluesky.SESSION)).isEqualTo(1);
        assertThat(pds.posts()).isEmpty();

        Map<String, Object> wrong = new HashMap<>(settings());
        wrong.put("appPassword", "zzzz-zzzz-zzzz-zzzz");
        String bad = create(wrong).json().get("_id").asString();
        Http.Response failed = http.post(path("/" + bad + "/test"), null, owner.auth());
        assertThat(failed.json().get("status").asString()).isEqualTo("failed");
        assertThat(pds.problems()).isEmpty();
    }

    @Test
    void aPublishedItemBecomesABlueskyPostAndTheLogHoldsNoToken() {
        create(settings());
        ContentFixtures content = new ContentFixtures(http);
        String type = content.contentType(owner, group, "News");
        String item = content.item(owner, group, type, "Fresh bread today", Instant.now(), false, 3);
        await().atMost(Duration.ofSeconds(15)).until(() -> !pds.posts().isEmpty());
        assertThat(pds.posts().get(0).text()).contains("Fresh bread today");
        assertThat(pds.problems()).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode list = http.get("/api/groups/" + group + "/deliveries", owner.auth())
                    .json()
                    .get("deliveries");
            return list.size() == 1 && list.get(0).get("status").asString().equals("succeeded");
        });
        String log =
                http.get("/api/groups/" + group + "/deliveries", owner.auth()).body();
        assertThat(log).contains(item).doesNotContain("eyJ").doesNotContain(APP_PASSWORD);
        assertThat(pds.posts()).hasSize(1);
    }

    @Test
    void aWrongAppPasswordFailsWithItsReasonAndHoldsTheChannelBackInsteadOfStorming() throws Exception {
        Map<String, Object> wrong = new HashMap<>(settings());
        wrong.put("appPassword", "zzzz-zzzz-zzzz-zzzz");
        create(wrong);
        ContentFixtures content = new ContentFixtures(http);
        String type = content.contentType(owner, group, "News");
        for (int i = 0; i < 3; i++) {
            content.item(owner, group, type, "Item " + i, Instant.now(), false, 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pds.calls(FakeBluesky.SESSION) >= 1);
        Thread.sleep(3000);
        // one delivery at a time per channel, on the retry schedule: no burst of logins
        assertThat(pds.calls(FakeBluesky.SESSION)).isBetween(1, 2);
        assertThat(pds.posts()).isEmpty();
        JsonNode deliveries = http.get("/api/groups/" + group + "/deliveries", owner.auth())
                .json()
                .get("deliveries");
        JsonNode attempted = null;
        for (JsonNode delivery : deliveries) {
            if (!delivery.get("attempts").isEmpty()) {
                attempted = delivery;
            }
        }
        assertThat(attempted).isNotNull();
        assertThat(attempted.get("status").asString()).isEqualTo("retrying");
        JsonNode attempt = attempted.get("attempts").get(0);
        assertThat(attempt.get("status").asInt()).isEqualTo(401);
        assertThat(attempt.get("body").asString()).contains("Invalid identifier or password");
        assertThat(deliveries.toString()).doesNotContain("zzzz-zzzz-zzzz-zzzz");
    }
}
