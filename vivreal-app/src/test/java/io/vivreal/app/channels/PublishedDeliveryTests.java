package io.vivreal.app.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.RecordingServer;
import io.vivreal.app.support.ServerTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Publishing pushes the content out through every channel of the group, and only that group's. */
class PublishedDeliveryTests extends ServerTest {

    static final String SECRET =
            "whsec_" + Base64.getEncoder().encodeToString("published-delivery-test-key-0123".getBytes());

    Fixtures.User owner;
    String group;
    String type;
    RecordingServer remote;
    ContentFixtures content;

    @BeforeEach
    void groupWithAChannel() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        content = new ContentFixtures(http);
        type = content.contentType(owner, group, "Posts");
        remote = new RecordingServer();
        channel(
                owner,
                group,
                Map.of(
                        "type",
                        "webhook",
                        "name",
                        "Site rebuild",
                        "settings",
                        Map.of("url", remote.url("/rebuild"), "signingSecret", SECRET)));
    }

    @AfterEach
    void stop() {
        remote.close();
    }

    void channel(Fixtures.User user, String groupId, Map<String, Object> body) {
        Http.Response created = http.post("/api/groups/" + groupId + "/channels", body, user.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    List<JsonNode> deliveriesOf(RecordingServer server, String itemId) {
        return server.requests.stream()
                .map(r -> Http.JSON.readTree(r.body()))
                .filter(b -> b.path("data").path("itemId").asString("").equals(itemId)
                        || b.path("text").asString("").contains(itemId))
                .toList();
    }

    @Test
    void publishingAnItemDeliversASignedContentPublishedEvent() throws Exception {
        String item = content.item(owner, group, type, "Sourdough on Fridays", Instant.now(), false, 4);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !deliveriesOf(remote, item).isEmpty());
        RecordingServer.Request request = remote.requests.stream()
                .filter(r -> r.body().contains(item))
                .findFirst()
                .orElseThrow();
        JsonNode body = Http.JSON.readTree(request.body());
        assertThat(body.get("type").asString()).isEqualTo("content.published");
        assertThat(body.get("data").get("groupID").asString()).isEqualTo(group);
        assertThat(body.get("data").get("collectionId").asString()).isEqualTo(type);
        assertThat(body.get("data").get("title").asString()).isEqualTo("Sourdough on Fridays");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        assertThat(request.header("webhook-signature"))
                .isEqualTo("v1,"
                        + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
        // Delivered once: the event is done, not delivered again on later runs.
        Thread.sleep(1000);
        assertThat(deliveriesOf(remote, item)).hasSize(1);
    }

    @Test
    void aDraftOrAFutureItemIsNotDeliveredUntilItGoesLive() throws Exception {
        String draft = content.item(owner, group, type, "Draft", null, false, 1);
        String future = content.item(owner, group, type, "Later", Instant.now().plusSeconds(2), false, 1);
        Thread.sleep(800);
        assertThat(deliveriesOf(remote, draft)).isEmpty();
        assertThat(deliveriesOf(remote, future)).isEmpty();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !deliveriesOf(remote, future).isEmpty());
        assertThat(deliveriesOf(remote, draft)).isEmpty();
    }

    @Test
    void aFailingChannelIsRetriedUntilItAnswers() {
        remote.status.set(503);
        String item = content.item(owner, group, type, "Retry me", Instant.now(), false, 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveriesOf(remote, item).size() >= 1);
        remote.status.set(204);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveriesOf(remote, item).size() >= 2);
        int settled = deliveriesOf(remote, item).size();
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(deliveriesOf(remote, item)).hasSize(settled);
    }

    @Test
    void anotherGroupsPublicationNeverReachesMyChannels() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String otherType = content.contentType(other, otherGroup, "Theirs");
        try (RecordingServer theirs = new RecordingServer()) {
            channel(
                    other,
                    otherGroup,
                    Map.of(
                            "type",
                            "slack",
                            "name",
                            "Their Slack",
                            "settings",
                            Map.of("webhookUrl", theirs.url("/services/T/B/their-secret-path"))));
            String item = content.item(other, otherGroup, otherType, "Their news", Instant.now(), false, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !theirs.requests.isEmpty());
            assertThat(Http.JSON.readTree(theirs.last().body()).get("text").asString())
                    .isEqualTo("Published in Theirs: Their news");
            assertThat(remote.requests.stream().map(RecordingServer.Request::body))
                    .noneMatch(b -> b.contains(item) || b.contains("Their news"));
        }
    }
}
