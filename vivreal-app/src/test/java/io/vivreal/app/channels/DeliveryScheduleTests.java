package io.vivreal.app.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.MutableClock;
import io.vivreal.app.support.RecordingServer;
import io.vivreal.core.store.Expiring;
import io.vivreal.distribution.delivery.DeliveryEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The retry rules on a clock the test moves: a server of its own whose delivery queue runs only
 * when the test says so ({@code vivreal.delivery.background=false}), against real receivers over
 * real HTTP and the embedded store. No sleeps: each step sets the time and runs the queue.
 */
@SpringBootTest(
        classes = {VivrealApplication.class, DeliveryScheduleTests.TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeliveryScheduleTests {

    static final Path DATA_DIR =
            Path.of("target", "test-data", "schedule-" + UUID.randomUUID()).toAbsolutePath();
    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vivreal.data-dir", DATA_DIR::toString);
        registry.add("vivreal.outbound-allowlist", () -> "127.0.0.1");
        registry.add("vivreal.delivery.background", () -> "false");
        registry.add("vivreal.go-live-interval", () -> "1h");
        registry.add("vivreal.login.attempts-per-address", () -> "1000000");
        registry.add("vivreal.login.attempts-per-account", () -> "1000000");
    }

    @LocalServerPort
    int port;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    List<Expiring> expiring;

    Http http;
    Fixtures fixtures;
    ContentFixtures content;
    Fixtures.User owner;
    String group;
    String type;
    String channel;
    RecordingServer receiver;

    @BeforeEach
    void groupWithAWebhook() {
        // tokens are checked against the real time: each test starts there
        CLOCK.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        http = new Http("http://localhost:" + port);
        fixtures = new Fixtures(http, DATA_DIR.resolve("mail"));
        content = new ContentFixtures(http);
        owner = fixtures.user();
        group = fixtures.group(owner);
        type = content.contentType(owner, group, "Posts");
        receiver = new RecordingServer();
        Http.Response made = http.post(
                "/api/groups/" + group + "/channels",
                Map.of(
                        "type", "webhook",
                        "name", "Site",
                        "settings",
                                Map.of(
                                        "url",
                                        receiver.url("/hook"),
                                        "signingSecret",
                                        "whsec_c2NoZWR1bGUtdGVzdC1rZXktMDEyMzQ1Njc4OQ==")),
                owner.auth());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        channel = made.json().get("_id").asString();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aFailingReceiverIsRetriedOnSvixsScheduleThenExhaustedAndAudited() {
        receiver.status.set(500);
        publish("Always failing");
        engine.runUntilIdle();
        List<Duration> expected = List.of(
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                Duration.ofHours(5),
                Duration.ofHours(10),
                Duration.ofHours(10));
        for (Duration delay : expected) {
            JsonNode delivery = onlyDelivery();
            assertThat(delivery.get("status").asString()).isEqualTo("retrying");
            Instant last = lastAttemptAt(delivery);
            Instant next = Instant.parse(delivery.get("nextAttemptAt").asString());
            Duration wait = Duration.between(last, next);
            assertThat(wait).as("jitter only earlier, by at most 10 %").isBetween(scaled(delay, 0.9), delay);
            int before = receiver.requests.size();
            CLOCK.set(next.minusMillis(1));
            engine.runUntilIdle();
            assertThat(receiver.requests).as("not before its time").hasSize(before);
            CLOCK.set(next);
            engine.runUntilIdle();
            assertThat(receiver.requests).hasSize(before + 1);
        }
        JsonNode delivery = onlyDelivery();
        assertThat(delivery.get("status").asString()).isEqualTo("exhausted");
        assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
        assertThat(delivery.get("attempts")).hasSize(8);
        assertThat(receiver.requests.stream().map(r -> r.header("webhook-id")).distinct())
                .containsExactly(delivery.get("webhookId").asString());
        assertThat(actions()).contains("delivery.exhausted");
        JsonNode health = channelHealth();
        assertThat(health.get("failureStreak").asInt()).isEqualTo(8);
        assertThat(health.get("disabled").asBoolean())
                .as("27.6 hours is not 5 days")
                .isFalse();
    }

    @Test
    void retryAfterIsHonouredOn429And503AndCappedAtOneHour() {
        receiver.status.set(429);
        receiver.answerHeaders.put("Retry-After", "120");
        publish("Slow down");
        engine.runUntilIdle();
        JsonNode first = onlyDelivery();
        assertThat(Duration.between(
                        lastAttemptAt(first),
                        Instant.parse(first.get("nextAttemptAt").asString())))
                .isEqualTo(Duration.ofSeconds(120));
        receiver.status.set(503);
        receiver.answerHeaders.put("Retry-After", "7200");
        CLOCK.set(Instant.parse(first.get("nextAttemptAt").asString()));
        engine.runUntilIdle();
        JsonNode second = onlyDelivery();
        assertThat(second.get("attempts")).hasSize(2);
        assertThat(Duration.between(
                        lastAttemptAt(second),
                        Instant.parse(second.get("nextAttemptAt").asString())))
                .as("capped at one hour")
                .isEqualTo(Duration.ofHours(1));
        receiver.status.set(204);
        receiver.answerHeaders.clear();
        CLOCK.set(Instant.parse(second.get("nextAttemptAt").asString()));
        engine.runUntilIdle();
        assertThat(onlyDelivery().get("status").asString()).isEqualTo("succeeded");
        assertThat(channelHealth().get("failureStreak").asInt()).isZero();
    }

    @Test
    void a410DisablesTheChannelAtOnceUntilAnOwnerEnablesItAndRecoverSendsTheRestInOrder() {
        Instant since = CLOCK.instant();
        receiver.status.set(410);
        String gone = publish("Gone");
        engine.runUntilIdle();
        assertThat(receiver.requests).hasSize(1);
        JsonNode health = channelHealth();
        assertThat(health.get("disabled").asBoolean()).isTrue();
        assertThat(health.get("disabledReason").asString()).contains("410");
        assertThat(actions()).contains("channel.disabled");
        assertThat(onlyDelivery().get("status").asString()).isEqualTo("exhausted");

        CLOCK.advance(Duration.ofSeconds(1));
        String later = publish("Published while disabled");
        engine.runUntilIdle();
        assertThat(receiver.requests)
                .as("nothing is sent to a disabled channel")
                .hasSize(1);
        assertThat(deliveries().get(0).get("status").asString()).isEqualTo("skipped");

        Fixtures.User editor = fixtures.user();
        fixtures.addMember(owner, group, editor, "editor");
        assertThat(http.post(base() + "/channels/" + channel + "/enable", null, editor.auth())
                        .status())
                .isEqualTo(403);
        receiver.status.set(204);
        Http.Response enabled = http.post(base() + "/channels/" + channel + "/enable", null, owner.auth());
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().get("disabled").asBoolean()).isFalse();
        assertThat(actions()).contains("channel.enabled");

        Http.Response recovered = http.post(
                base() + "/channels/" + channel + "/recover", Map.of("since", since.toString()), owner.auth());
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
        assertThat(recovered.json().get("requeued").asInt()).isEqualTo(2);
        engine.runUntilIdle();
        List<RecordingServer.Request> resent = receiver.requests.subList(1, receiver.requests.size());
        assertThat(resent).hasSize(2);
        assertThat(resent.stream()
                        .map(r -> Http.JSON
                                .readTree(r.body())
                                .get("data")
                                .get("itemId")
                                .asString()))
                .as("oldest first")
                .containsExactly(gone, later);
        assertThat(resent.get(0).header("webhook-id"))
                .isEqualTo(receiver.requests.get(0).header("webhook-id"));
        Http.Response again = http.post(
                base() + "/channels/" + channel + "/recover", Map.of("since", since.toString()), owner.auth());
        assertThat(again.json().get("requeued").asInt()).as("each once").isZero();
    }

    @Test
    void aChannelFailingEveryAttemptForFiveDaysIsDisabled() {
        receiver.status.set(500);
        Instant start = CLOCK.instant();
        publish("Day zero");
        engine.runUntilIdle();
        CLOCK.set(start.plus(Duration.ofDays(4)));
        engine.runUntilIdle();
        assertThat(channelHealth().get("disabled").asBoolean()).as("four days").isFalse();
        CLOCK.set(start.plus(Duration.ofDays(5)));
        publish("Day five");
        engine.runUntilIdle();
        JsonNode health = channelHealth();
        assertThat(health.get("disabled").asBoolean()).isTrue();
        assertThat(health.get("disabledReason").asString()).contains("5 days");
        assertThat(actions()).contains("channel.disabled");
        assertThat(deliveries())
                .allSatisfy(d -> assertThat(d.get("status").asString()).isIn("exhausted", "skipped"));
    }

    @Test
    void resendSendsTheSameWebhookIdAgainAndADoubleResendSendsOnce() {
        publish("Once more");
        engine.runUntilIdle();
        JsonNode delivery = onlyDelivery();
        assertThat(delivery.get("status").asString()).isEqualTo("succeeded");
        String id = delivery.get("deliveryId").asString();
        Http.Response resent = http.post(base() + "/deliveries/" + id + "/resend", null, owner.auth());
        assertThat(resent.status()).as(resent.body()).isEqualTo(202);
        assertThat(resent.json().get("status").asString()).isEqualTo("pending");
        assertThat(http.post(base() + "/deliveries/" + id + "/resend", null, owner.auth())
                        .status())
                .isEqualTo(409);
        engine.runUntilIdle();
        assertThat(receiver.requests).hasSize(2);
        assertThat(receiver.requests.get(1).header("webhook-id"))
                .isEqualTo(receiver.requests.get(0).header("webhook-id"))
                .isEqualTo(id);
        assertThat(receiver.requests.get(1).body())
                .isEqualTo(receiver.requests.get(0).body());
        assertThat(onlyDelivery().get("attempts")).hasSize(2);
        assertThat(actions()).contains("delivery.resent");
    }

    @Test
    void eventsAndDeliveriesAreKeptThirtyDaysThenSwept() {
        publish("Kept a month");
        engine.runUntilIdle();
        assertThat(deliveries()).hasSize(1);
        CLOCK.advance(Duration.ofDays(29));
        expiring.forEach(Expiring::sweepExpired);
        assertThat(deliveries()).as("29 days").hasSize(1);
        assertThat(http.get(base() + "/events", owner.auth()).json().size()).isEqualTo(1);
        CLOCK.advance(Duration.ofDays(1).plusSeconds(1));
        expiring.forEach(Expiring::sweepExpired);
        assertThat(deliveries()).isEmpty();
        assertThat(http.get(base() + "/events", owner.auth()).json().size()).isZero();
    }

    private String publish(String title) {
        return content.item(owner, group, type, title, CLOCK.instant(), false, 1);
    }

    private String base() {
        return "/api/groups/" + group;
    }

    private List<JsonNode> deliveries() {
        Http.Response list = http.get(base() + "/deliveries?channelId=" + channel, owner.auth());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        list.json().get("deliveries").forEach(found::add);
        return found;
    }

    private JsonNode onlyDelivery() {
        List<JsonNode> found = deliveries();
        assertThat(found).hasSize(1);
        Http.Response one = http.get(
                base() + "/deliveries/" + found.get(0).get("deliveryId").asString(), owner.auth());
        assertThat(one.status()).isEqualTo(200);
        return one.json();
    }

    private static Instant lastAttemptAt(JsonNode delivery) {
        JsonNode attempts = delivery.get("attempts");
        return Instant.parse(attempts.get(attempts.size() - 1).get("at").asString());
    }

    private JsonNode channelHealth() {
        Http.Response got = http.get(base() + "/channels/" + channel, owner.auth());
        assertThat(got.status()).isEqualTo(200);
        return got.json().get("health");
    }

    private List<String> actions() {
        List<String> actions = new ArrayList<>();
        http.get(base() + "/audit", owner.auth())
                .json()
                .forEach(entry -> actions.add(entry.get("action").asString()));
        return actions;
    }

    private static Duration scaled(Duration duration, double factor) {
        return Duration.ofMillis((long) (duration.toMillis() * factor));
    }
}
