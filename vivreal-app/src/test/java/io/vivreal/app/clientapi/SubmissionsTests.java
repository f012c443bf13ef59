package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /tenant/definedCollectionObject}: public forms write drafts, validated and limited. */
class SubmissionsTests extends ServerTest {

    private Fixtures.User owner;
    private String group;
    private String key;
    private String reviews;
    private String closed;

    @BeforeEach
    void setUp() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        key = fixtures.apiKey(owner, group);
        ContentFixtures content = new ContentFixtures(http);
        reviews = content.contentType(owner, group, "Reviews", true);
        closed = content.contentType(owner, group, "Internal", false);
    }

    private Http.Response submit(Object body) {
        return http.post("/tenant/definedCollectionObject", body, "Authorization", key);
    }

    private long drafts(String type) {
        return http.get("/api/groups/" + group + "/content-types/" + type + "/items?status=draft", owner.auth())
                .json()
                .get("totalCount")
                .asLong();
    }

    @Test
    void aValidSubmissionIsStoredAsADraftForReview() {
        Http.Response response = submit(Map.of(
                "collectionId",
                reviews,
                "type",
                "createReview",
                "objectValue",
                Map.of("title", "Loved it", "rating", 5)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("data").get("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(drafts(reviews)).isEqualTo(1);
        JsonNode published = http.get("/tenant/collectionObjects?collectionId=" + reviews, "Authorization", key)
                .json();
        assertThat(published.get("data").get("totalCount").asInt()).isZero();
        assertThat(http.get("/api/groups/" + group + "/audit", owner.auth()).body())
                .contains("item.submitted", "submission:createReview");
    }

    @Test
    void invalidFieldsAreA400NamingFieldAndReason() {
        Http.Response response = submit(Map.of(
                "collectionId", reviews, "type", "createReview", "objectValue", Map.of("rating", "five", "extra", 1)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(response.json().get("error").asString())
                .contains(
                        "objectValue.title: is required",
                        "objectValue.rating: must be a whole number",
                        "objectValue.extra: unknown field");
        assertThat(drafts(reviews)).isZero();
    }

    @Test
    void typesThatDoNotAcceptSubmissionsAndOtherGroupsTypesAreRefusedAlike() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String theirs = new ContentFixtures(http).contentType(other, otherGroup, "Their reviews", true);

        Http.Response internal =
                submit(Map.of("collectionId", closed, "type", "x", "objectValue", Map.of("title", "t")));
        Http.Response foreign =
                submit(Map.of("collectionId", theirs, "type", "x", "objectValue", Map.of("title", "t")));

        assertThat(internal.status()).isEqualTo(400);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(internal.body()).isEqualTo(foreign.body());
        assertThat(drafts(closed)).isZero();
    }

    @Test
    void badBodiesAreRefused() {
        assertThat(submit("{\"collectionId\":").status()).isEqualTo(400);
        assertThat(submit(Map.of("collectionId", "{\"$gt\":\"\"}", "type", "x", "objectValue", Map.of()))
                        .status())
                .isEqualTo(400);
        assertThat(submit(Map.of("collectionId", reviews, "type", "$where", "objectValue", Map.of("title", "t")))
                        .status())
                .isEqualTo(400);
        assertThat(submit(Map.of("collectionId", reviews, "type", "x", "objectValue", "text"))
                        .status())
                .isEqualTo(400);
        assertThat(submit(Map.of(
                                "collectionId",
                                reviews,
                                "type",
                                "x",
                                "objectValue",
                                Map.of("title", "t"),
                                "groupID",
                                group))
                        .status())
                .isEqualTo(400);
        Http.Response huge = submit("{\"collectionId\":\"" + reviews + "\",\"type\":\"x\",\"objectValue\":{\"title\":\""
                + "a".repeat(1_100_000) + "\"}}");
        assertThat(huge.status()).isEqualTo(413);
        String bomb = "{\"collectionId\":\"" + reviews + "\",\"type\":\"x\",\"objectValue\":{\"title\":"
                + "[".repeat(50_000) + "]".repeat(50_000) + "}}";
        assertThat(submit(bomb).status()).isEqualTo(400);
        assertThat(drafts(reviews)).isZero();
    }

    @Test
    void submissionsAreLimitedPerClientAddress() {
        int accepted = 0;
        Http.Response last = null;
        for (int i = 0; i < 31; i++) {
            last = submit(
                    Map.of("collectionId", reviews, "type", "subscribeUser", "objectValue", Map.of("title", "n" + i)));
            if (last.status() == 201) {
                accepted++;
            }
        }

        assertThat(accepted).isEqualTo(30);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.header("Retry-After")).matches("\\d+");
        assertThat(last.json().get("error").asString()).isEqualTo("TooManyRequests");
        Http.Response spoofed = http.post(
                "/tenant/definedCollectionObject",
                Map.of("collectionId", reviews, "type", "x", "objectValue", Map.of("title", "spoof")),
                "Authorization",
                key,
                "X-Forwarded-For",
                "203.0.113.9");
        assertThat(spoofed.status())
                .as("a forged X-Forwarded-For does not reset the count")
                .isEqualTo(429);
        assertThat(drafts(reviews)).isEqualTo(30);
    }
}
