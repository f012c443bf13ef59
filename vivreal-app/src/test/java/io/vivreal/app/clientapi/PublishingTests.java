package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Going live: a published change shows on the next request; a scheduled item appears when its
 * time comes without any write, and a durable {@code content.published} event is recorded once.
 */
class PublishingTests extends ServerTest {

    private Fixtures.User owner;
    private String group;
    private String type;
    private String key;
    private ContentFixtures content;

    @BeforeEach
    void setUp() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        key = fixtures.apiKey(owner, group);
        content = new ContentFixtures(http);
        type = content.contentType(owner, group, "News");
    }

    private JsonNode published() {
        Http.Response response = http.get("/tenant/collectionObjects?collectionId=" + type, "Authorization", key);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("data");
    }

    @Test
    void aPublishedChangeIsVisibleOnTheNextRequest() {
        String id = content.item(owner, group, type, "Draft", null, false, 1);
        assertThat(published().get("totalCount").asInt()).isZero();
        String items = "/api/groups/" + group + "/content-types/" + type + "/items/";

        http.put(items + id, Map.of("publishDate", Instant.now().minusSeconds(1).toString()), owner.auth());
        assertThat(published().get("totalCount").asInt()).isEqualTo(1);

        http.put(items + id, Map.of("objectValue", Map.of("title", "Edited")), owner.auth());
        assertThat(published()
                        .get("items")
                        .get(0)
                        .get("objectValue")
                        .get("title")
                        .asString())
                .isEqualTo("Edited");

        http.put(items + id, Map.of("archived", true), owner.auth());
        assertThat(published().get("totalCount").asInt()).isZero();
    }

    @Test
    void aScheduledItemGoesLiveWithoutAnyWriteAndIsRecordedOnce() throws Exception {
        Instant goLive = Instant.now().plusSeconds(2);
        String id = content.item(owner, group, type, "Premiere", goLive, false, 5);
        assertThat(published().get("totalCount").asInt()).isZero();

        Instant deadline = goLive.plus(Duration.ofSeconds(5));
        while (published().get("totalCount").asInt() == 0) {
            assertThat(Instant.now())
                    .as("item should be visible soon after its publishDate")
                    .isBefore(deadline);
            Thread.sleep(100);
        }
        assertThat(Instant.now()).isAfterOrEqualTo(goLive);

        JsonNode events = awaitEvents(1);
        assertThat(events.get(0).get("type").asString()).isEqualTo("content.published");
        assertThat(events.get(0).get("itemId").asString()).isEqualTo(id);
        assertThat(events.get(0).get("publishDate").asString())
                .isEqualTo(published().get("items").get(0).get("publishDate").asString());
        Thread.sleep(2500);
        assertThat(http.get("/api/groups/" + group + "/events", owner.auth())
                        .json()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aRescheduledItemIsPublishedAtItsNewTimeOnly() throws Exception {
        String id = content.item(owner, group, type, "Moved", Instant.now().plusSeconds(1), false, 5);
        http.put(
                "/api/groups/" + group + "/content-types/" + type + "/items/" + id,
                Map.of("publishDate", Instant.now().plusSeconds(3600).toString()),
                owner.auth());

        Thread.sleep(2500);

        assertThat(published().get("totalCount").asInt()).isZero();
        assertThat(http.get("/api/groups/" + group + "/events", owner.auth())
                        .json()
                        .size())
                .isZero();
    }

    private JsonNode awaitEvents(int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        JsonNode events;
        do {
            events = http.get("/api/groups/" + group + "/events", owner.auth()).json();
            if (events.size() >= count) {
                return events;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("expected " + count + " events, got " + events);
    }
}
