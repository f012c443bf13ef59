package io.vivreal.app.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.RecordingServer;
import io.vivreal.app.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Subscriptions, the four event types, the delivery log and its controls, through the
 * Management API against the running queue and real receivers.
 */
class DeliveriesTests extends ServerTest {

    static final String SECRET = "whsec_ZGVsaXZlcmllcy10ZXN0LWtleS0wMTIzNDU2Nzg5";
    static final List<String> ALL =
            List.of("content.published", "content.updated", "content.unpublished", "submission.received");

    Fixtures.User owner;
    String group;
    String type;
    ContentFixtures content;
    RecordingServer receiver;

    @BeforeEach
    void groupWithAType() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        content = new ContentFixtures(http);
        type = content.contentType(owner, group, "Posts", true);
        receiver = new RecordingServer();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    String base() {
        return "/api/groups/" + group;
    }

    String webhook(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "type",
                "webhook",
                "name",
                "Site",
                "settings",
                Map.of("url", receiver.url("/hook"), "signingSecret", SECRET)));
        body.putAll(extra);
        Http.Response made = http.post(base() + "/channels", body, owner.auth());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().get("_id").asString();
    }

    List<String> eventTypesReceived() {
        return receiver.requests.stream()
                .map(r -> Http.JSON.readTree(r.body()).get("type").asString())
                .toList();
    }

    List<JsonNode> deliveries(String query) {
        Http.Response list = http.get(base() + "/deliveries" + query, owner.auth());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        list.json().get("deliveries").forEach(found::add);
        return found;
    }

    @Test
    void aChannelSubscribesToPublishedAndUpdatedOfEveryTypeByDefaultAndShowsItsHealth() {
        String channel = webhook(Map.of());
        JsonNode got = http.get(base() + "/channels/" + channel, owner.auth()).json();
        assertThat(got.get("events").toString()).isEqualTo("[\"content.published\",\"content.updated\"]");
        assertThat(got.get("contentTypes").size()).isZero();
        assertThat(got.get("health").toString())
                .isEqualTo("{\"lastSuccessAt\":null,\"failureStreak\":0,\"disabled\":false,\"disabledReason\":null}");
        JsonNode listed = http.get(base() + "/channels", owner.auth()).json().get(0);
        assertThat(listed.get("health").get("disabled").asBoolean()).isFalse();
    }

    @Test
    void anUnknownEventTypeOrAnotherGroupsContentTypeIsA400NamingTheFieldAndNothingIsStored() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String theirType = content.contentType(other, otherGroup, "Theirs");
        Map<String, Object> settings = Map.of("url", receiver.url("/hook"), "signingSecret", SECRET);
        for (Map.Entry<String, Object> bad : List.of(
                Map.entry("events", (Object) List.of("content.deleted")),
                Map.entry("events", (Object) List.of()),
                Map.entry("events", (Object) "content.published"),
                Map.entry("contentTypes", (Object) List.of(theirType)),
                Map.entry("contentTypes", (Object) List.of("not-an-id")),
                Map.entry("contentTypes", (Object) List.of(42)))) {
            Http.Response refused = http.post(
                    base() + "/channels",
                    Map.of("type", "webhook", "name", "x", "settings", settings, bad.getKey(), bad.getValue()),
                    owner.auth());
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("field").asString()).isEqualTo(bad.getKey());
            assertThat(refused.body()).doesNotContain(SECRET);
        }
        assertThat(http.get(base() + "/channels", owner.auth()).json().size()).isZero();
        String channel = webhook(Map.of());
        Http.Response put =
                http.put(base() + "/channels/" + channel, Map.of("contentTypes", List.of(theirType)), owner.auth());
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.json().get("field").asString()).isEqualTo("contentTypes");
        assertThat(http.get(base() + "/channels/" + channel, owner.auth())
                        .json()
                        .get("contentTypes")
                        .size())
                .isZero();
    }

    @Test
    void anEventAChannelDoesNotSubscribeToMakesNoDelivery() {
        String other = content.contentType(owner, group, "Other");
        String channel = webhook(Map.of("events", List.of("content.published"), "contentTypes", List.of(type)));
        String ignored = content.item(owner, group, other, "Not this type", Instant.now(), false, 1);
        String wanted = content.item(owner, group, type, "This type", Instant.now(), false, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 1);
        Http.Response updated = http.put(
                base() + "/content-types/" + type + "/items/" + wanted,
                Map.of("objectValue", Map.of("title", "This type, changed")),
                owner.auth());
        assertThat(updated.status()).isEqualTo(200);
        // the update is in the outbox, but this channel did not ask for it
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.get(base() + "/events", owner.auth()).body().contains("content.updated"));
        sleep(1500);
        assertThat(eventTypesReceived()).containsExactly("content.published");
        List<JsonNode> made = deliveries("?channelId=" + channel);
        assertThat(made).hasSize(1);
        assertThat(made.get(0).get("itemId").asString()).isEqualTo(wanted).isNotEqualTo(ignored);
    }

    @Test
    void updatesArchivesDeletionsAndSubmissionsAreTheirOwnEventsInOrder() {
        webhook(Map.of("events", ALL));
        String item = content.item(owner, group, type, "Lifecycle", Instant.now(), false, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 1);
        assertThat(http.put(
                                base() + "/content-types/" + type + "/items/" + item,
                                Map.of("objectValue", Map.of("title", "Lifecycle, edited")),
                                owner.auth())
                        .status())
                .isEqualTo(200);
        assertThat(http.put(
                                base() + "/content-types/" + type + "/items/" + item,
                                Map.of("archived", true),
                                owner.auth())
                        .status())
                .isEqualTo(200);
        String second = content.item(owner, group, type, "Short-lived", Instant.now(), false, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 4);
        assertThat(http.delete(base() + "/content-types/" + type + "/items/" + second, owner.auth())
                        .status())
                .isEqualTo(204);
        String draft = content.item(owner, group, type, "Draft, edited quietly", null, false, 1);
        assertThat(http.put(
                                base() + "/content-types/" + type + "/items/" + draft,
                                Map.of("objectValue", Map.of("title", "Still a draft")),
                                owner.auth())
                        .status())
                .isEqualTo(200);
        Http.Response submitted = http.post(
                "/tenant/definedCollectionObject",
                Map.of(
                        "collectionId",
                        type,
                        "type",
                        "createReview",
                        "objectValue",
                        Map.of("title", "jane@example.com")),
                "Authorization",
                fixtures.apiKey(owner, group));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 6);
        sleep(1000);
        assertThat(eventTypesReceived())
                .containsExactly(
                        "content.published",
                        "content.updated",
                        "content.unpublished",
                        "content.published",
                        "content.unpublished",
                        "submission.received");
        JsonNode submission = Http.JSON.readTree(receiver.last().body());
        assertThat(submission.get("data").has("title"))
                .as("a form's values are not sent")
                .isFalse();
        assertThat(receiver.last().body()).doesNotContain("jane@example.com");
    }

    @Test
    void aScheduledItemGoingLiveSendsExactlyTheEventAManualPublishSends() {
        webhook(Map.of());
        String manual = content.item(owner, group, type, "Now", Instant.now(), false, 1);
        Instant later = Instant.now().plusMillis(1500).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String scheduled = content.item(owner, group, type, "Later", later, false, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 2);
        JsonNode first = Http.JSON.readTree(receiver.requests.get(0).body());
        JsonNode second = Http.JSON.readTree(receiver.requests.get(1).body());
        assertThat(first.get("data").get("itemId").asString()).isEqualTo(manual);
        assertThat(second.get("data").get("itemId").asString()).isEqualTo(scheduled);
        assertThat(second.get("type").asString())
                .isEqualTo(first.get("type").asString())
                .isEqualTo("content.published");
        assertThat(fieldNames(second)).isEqualTo(fieldNames(first));
        assertThat(fieldNames(second.get("data"))).isEqualTo(fieldNames(first.get("data")));
        assertThat(second.get("data").get("publishDate").asString()).isEqualTo(later.toString());
        sleep(1200);
        assertThat(receiver.requests)
                .as("the go-live worker's pass after the manual publish adds nothing")
                .hasSize(2);
    }

    @Test
    void theLogShowsEveryAttemptAndTheWebhookIdIsTheDeliveryId() {
        String channel = webhook(Map.of());
        receiver.status.set(500);
        receiver.answerBody.set("{\"error\":\"boom\",\"api_key\":\"sk_live_0123456789abcdef\",\"echo\":\"" + SECRET
                + "\",\"pad\":\"" + "x".repeat(5000) + "\"}");
        String item = content.item(owner, group, type, "Logged", Instant.now(), false, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requests.size() >= 1);
        receiver.status.set(204);
        receiver.answerBody.set(null);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.requests.size() >= 2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> deliveries("?channelId=" + channel)
                        .get(0)
                        .get("status")
                        .asString()
                        .equals("succeeded"));
        JsonNode listed = deliveries("?channelId=" + channel + "&status=succeeded&eventType=content.published")
                .get(0);
        String id = listed.get("deliveryId").asString();
        JsonNode delivery = http.get(base() + "/deliveries/" + id, owner.auth()).json();
        assertThat(delivery.get("webhookId").asString()).isEqualTo(id).matches("msg_[0-9a-f]{32}");
        assertThat(receiver.requests)
                .allSatisfy(r -> assertThat(r.header("webhook-id")).isEqualTo(id));
        assertThat(delivery.get("channelId").asString()).isEqualTo(channel);
        assertThat(delivery.get("itemId").asString()).isEqualTo(item);
        assertThat(delivery.get("eventType").asString()).isEqualTo("content.published");
        assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
        JsonNode attempts = delivery.get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("n").asInt()).isEqualTo(1);
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(500);
        assertThat(attempts.get(1).get("status").asInt()).isEqualTo(204);
        assertThat(attempts.get(0).get("durationMs").asLong()).isNotNegative();
        Duration gap = Duration.between(
                Instant.parse(attempts.get(0).get("at").asString()),
                Instant.parse(attempts.get(1).get("at").asString()));
        assertThat(gap)
                .as("the second attempt after about 5 s")
                .isBetween(Duration.ofMillis(4400), Duration.ofSeconds(8));
        String excerpt = attempts.get(0).get("body").asString();
        assertThat(excerpt).startsWith("{\"error\":\"boom\"").hasSizeLessThanOrEqualTo(2048);
        assertThat(excerpt)
                .doesNotContain("sk_live_0123456789abcdef")
                .doesNotContain(SECRET)
                .contains("[redacted]");
        assertThat(deliveries("?status=exhausted")).isEmpty();
    }

    @Test
    void mastodonGetsTheDeliveryIdAsIdempotencyKeyAndCustomAsWebhookId() {
        String token = "mastodon-access-token-0123456789";
        Http.Response mastodon = http.post(
                base() + "/channels",
                Map.of(
                        "type",
                        "mastodon",
                        "name",
                        "Toots",
                        "settings",
                        Map.of("instanceUrl", receiver.url("/"), "accessToken", token)),
                owner.auth());
        assertThat(mastodon.status()).as(mastodon.body()).isEqualTo(201);
        String mastodonId = mastodon.json().get("_id").asString();
        try (RecordingServer custom = new RecordingServer()) {
            Http.Response made = http.post(
                    base() + "/channels",
                    Map.of(
                            "type",
                            "custom",
                            "name",
                            "Custom",
                            "settings",
                            Map.of(
                                    "url",
                                    custom.url("/in"),
                                    "secretHeaders",
                                    Map.of("X-Api-Key", "custom-key-0123456789"))),
                    owner.auth());
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            String customId = made.json().get("_id").asString();
            content.item(owner, group, type, "Toot this", Instant.now(), false, 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !receiver.requests.isEmpty() && !custom.requests.isEmpty());
            RecordingServer.Request toot = receiver.last();
            assertThat(toot.method()).isEqualTo("POST");
            assertThat(toot.path()).isEqualTo("/api/v1/statuses");
            assertThat(toot.header("Authorization")).isEqualTo("Bearer " + token);
            assertThat(toot.header("Idempotency-Key"))
                    .isEqualTo(deliveries("?channelId=" + mastodonId)
                            .get(0)
                            .get("deliveryId")
                            .asString());
            assertThat(toot.body())
                    .isEqualTo("{\"status\": \"Published in Posts: Toot this\", \"visibility\": \"public\"}");
            RecordingServer.Request hook = custom.last();
            assertThat(hook.header("X-Api-Key")).isEqualTo("custom-key-0123456789");
            assertThat(hook.header("webhook-id"))
                    .isEqualTo(deliveries("?channelId=" + customId)
                            .get(0)
                            .get("deliveryId")
                            .asString());
        }
    }

    @Test
    void theLogPagesWithACursorAndRefusesBadParametersWithA400() {
        webhook(Map.of());
        for (int i = 0; i < 3; i++) {
            content.item(owner, group, type, "Page " + i, Instant.now(), false, 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("").size() == 3);
        Http.Response page = http.get(base() + "/deliveries?limit=2", owner.auth());
        assertThat(page.json().get("deliveries")).hasSize(2);
        String cursor = page.json().get("nextCursor").asString();
        Http.Response rest = http.get(base() + "/deliveries?limit=2&cursor=" + cursor, owner.auth());
        assertThat(rest.json().get("deliveries")).hasSize(1);
        assertThat(rest.json().get("nextCursor").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        page.json().get("deliveries").forEach(d -> ids.add(d.get("deliveryId").asString()));
        rest.json().get("deliveries").forEach(d -> ids.add(d.get("deliveryId").asString()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(3);
        for (String[] bad : new String[][] {
            {"status", "?status=done"},
            {"eventType", "?eventType=content.deleted"},
            {"limit", "?limit=0"},
            {"limit", "?limit=101"},
            {"limit", "?limit=ten"},
            {"cursor", "?cursor=bm90LWEtY3Vyc29y"},
            {"cursor", "?cursor=%24%7Bjndi%7D"}
        }) {
            Http.Response refused = http.get(base() + "/deliveries" + bad[1], owner.auth());
            assertThat(refused.status()).as(bad[1]).isEqualTo(400);
            assertThat(refused.json().get("field").asString()).isEqualTo(bad[0]);
        }
        Http.Response since = http.post(
                base() + "/channels/" + deliveries("").get(0).get("channelId").asString() + "/recover",
                Map.of("since", "yesterday"),
                owner.auth());
        assertThat(since.status()).isEqualTo(400);
        assertThat(since.json().get("field").asString()).isEqualTo("since");
    }

    @Test
    void editorsAndViewersAre403AndAnotherGroupsIdsAre404() {
        String channel = webhook(Map.of());
        content.item(owner, group, type, "Mine", Instant.now(), false, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("").size() == 1);
        String delivery = deliveries("").get(0).get("deliveryId").asString();
        Fixtures.User editor = fixtures.user();
        Fixtures.User viewer = fixtures.user();
        fixtures.addMember(owner, group, editor, "editor");
        fixtures.addMember(owner, group, viewer, "viewer");
        for (Fixtures.User user : List.of(editor, viewer)) {
            assertThat(http.get(base() + "/deliveries", user.auth()).status()).isEqualTo(403);
            assertThat(http.get(base() + "/deliveries/" + delivery, user.auth()).status())
                    .isEqualTo(403);
            assertThat(http.post(base() + "/deliveries/" + delivery + "/resend", null, user.auth())
                            .status())
                    .isEqualTo(403);
            assertThat(http.post(
                                    base() + "/channels/" + channel + "/recover",
                                    Map.of("since", Instant.EPOCH.toString()),
                                    user.auth())
                            .status())
                    .isEqualTo(403);
            assertThat(http.post(base() + "/channels/" + channel + "/enable", null, user.auth())
                            .status())
                    .isEqualTo(403);
        }
        Fixtures.User stranger = fixtures.user();
        String theirs = fixtures.group(stranger);
        String theirBase = "/api/groups/" + theirs;
        assertThat(http.get(theirBase + "/deliveries/" + delivery, stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.post(theirBase + "/deliveries/" + delivery + "/resend", null, stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.post(
                                theirBase + "/channels/" + channel + "/recover",
                                Map.of("since", Instant.EPOCH.toString()),
                                stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.post(theirBase + "/channels/" + channel + "/enable", null, stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.get(theirBase + "/deliveries", stranger.auth()).json().get("deliveries"))
                .isEmpty();
        assertThat(http.get(base() + "/deliveries/" + delivery, stranger.auth()).status())
                .as("not a member")
                .isEqualTo(404);
        assertThat(http.get(base() + "/deliveries/msg_nothere", owner.auth()).status())
                .isEqualTo(404);
    }

    @Test
    void settingsAreTrimmedOnSaveAndOneChannelsFailureNeverBlocksAnother() {
        try (RecordingServer failing = new RecordingServer()) {
            failing.status.set(500);
            Http.Response bad = http.post(
                    base() + "/channels",
                    Map.of("type", "slack", "name", "Broken", "settings", Map.of("webhookUrl", failing.url("/x"))),
                    owner.auth());
            assertThat(bad.status()).isEqualTo(201);
            Http.Response spaced = http.post(
                    base() + "/channels",
                    Map.of(
                            "type",
                            "slack",
                            "name",
                            "Pasted with spaces",
                            "settings",
                            Map.of("webhookUrl", "  " + receiver.url("/services/T/B/x") + " \n")),
                    owner.auth());
            assertThat(spaced.status()).as(spaced.body()).isEqualTo(201);
            content.item(owner, group, type, "Both", Instant.now(), false, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.requests.isEmpty());
            assertThat(receiver.last().path()).isEqualTo("/services/T/B/x");
            await().atMost(Duration.ofSeconds(10)).until(() -> !failing.requests.isEmpty());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>(node.propertyNames());
        names.sort(null);
        return names;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
