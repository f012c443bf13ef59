package io.vivreal.app.networks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.fakes.FakeBluesky;
import io.vivreal.app.fakes.FakeBluesky.Trouble;
import io.vivreal.distribution.adapters.BlueskyAdapter;
import io.vivreal.distribution.adapters.Message;
import io.vivreal.distribution.adapters.PostContent;
import io.vivreal.distribution.adapters.PostImage;
import io.vivreal.distribution.adapters.PostOutcome;
import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.GuardedOutboundHttp;
import io.vivreal.distribution.outbound.OutboundGuard;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Bluesky adapter against a local PDS that checks every XRPC call it receives. */
class BlueskyAdapterTests {

    static final String HANDLE = "alice.test";
    static final String APP_PASSWORD = "abcd-efgh-ijkl-mnop";
    static final GuardedOutboundHttp HTTP =
            new GuardedOutboundHttp(OutboundGuard.withSystemResolver(List.of("127.0.0.1")), Clock.systemUTC());

    final BlueskyAdapter adapter = new BlueskyAdapter();
    FakeBluesky pds;
    ChannelTarget target;

    @BeforeEach
    void pds() {
        pds = new FakeBluesky(HANDLE, APP_PASSWORD);
        target = target(pds.url(), HANDLE, APP_PASSWORD);
    }

    @AfterEach
    void stop() {
        pds.close();
    }

    @AfterAll
    static void closeHttp() throws Exception {
        HTTP.close();
    }

    static ChannelTarget target(String service, String handle, String password) {
        Map<String, String> settings = new HashMap<>();
        settings.put("service", service);
        settings.put("handle", handle);
        settings.put("appPassword", password);
        return new ChannelTarget("c1", "g1", ChannelType.BLUESKY, "Bluesky", settings, Map.of());
    }

    static PostImage image(String key, String type, byte[] bytes, String alt) {
        return new PostImage(key, type, bytes.length, alt, () -> bytes);
    }

    static PostContent post(String text, PostImage... images) {
        return new PostContent(text, List.of(images), Instant.parse("2026-11-29T12:00:00.123456Z"));
    }

    @Test
    void aPostCarriesLinkFacetsAtUtf8ByteOffsetsAndImagesWithAltText() {
        String before = "Café ☕ and 👨‍👩‍👧 news: ";
        String text = before + "https://example.com/a?b=1 then bücher.example.org/x";
        byte[] jpeg = "jpeg-bytes".getBytes(StandardCharsets.UTF_8);
        byte[] png = "png-bytes!".getBytes(StandardCharsets.UTF_8);

        PostOutcome outcome = adapter.publish(
                target,
                post(text, image("m/a.jpg", "image/jpeg", jpeg, "A cup"), image("m/b.png", "image/png", png, "")),
                "d-1",
                HTTP);

        assertThat(pds.problems()).isEmpty();
        assertThat(outcome.response().succeeded())
                .as(outcome.response().toString())
                .isTrue();
        assertThat(pds.posts()).hasSize(1);
        FakeBluesky.Post made = pds.posts().get(0);
        assertThat(outcome.externalPostId()).isEqualTo("at://" + pds.did() + "/app.bsky.feed.post/" + made.rkey());
        assertThat(outcome.permalink()).isEqualTo("https://bsky.app/profile/" + HANDLE + "/post/" + made.rkey());
        assertThat(made.text()).isEqualTo(text);
        assertThat(made.record().path("createdAt").asString()).isEqualTo("2026-11-29T12:00:00.123Z");

        JsonNode facets = made.record().path("facets");
        assertThat(facets).hasSize(2);
        int start = before.getBytes(StandardCharsets.UTF_8).length;
        assertThat(start).isGreaterThan(before.length()); // the accent and emoji take more bytes than chars
        assertThat(facets.get(0).path("index").path("byteStart").asInt()).isEqualTo(start);
        assertThat(facets.get(0).path("index").path("byteEnd").asInt())
                .isEqualTo(start + "https://example.com/a?b=1".length());
        assertThat(facets.get(0).path("features").get(0).path("uri").asString()).isEqualTo("https://example.com/a?b=1");
        int second = (before + "https://example.com/a?b=1 then ").getBytes(StandardCharsets.UTF_8).length;
        assertThat(facets.get(1).path("index").path("byteStart").asInt()).isEqualTo(second);
        assertThat(facets.get(1).path("index").path("byteEnd").asInt())
                .isEqualTo(second + "bücher.example.org/x".getBytes(StandardCharsets.UTF_8).length);
        assertThat(facets.get(1).path("features").get(0).path("uri").asString())
                .isEqualTo("https://bücher.example.org/x");

        JsonNode images = made.record().path("embed").path("images");
        assertThat(images).hasSize(2);
        assertThat(images.get(0).path("alt").asString()).isEqualTo("A cup");
        assertThat(images.get(1).path("alt").asString()).isEmpty();
        assertThat(pds.blob(images.get(0)
                                .path("image")
                                .path("ref")
                                .path("$link")
                                .asString())
                        .bytes())
                .isEqualTo(jpeg);
        assertThat(pds.blob(images.get(1)
                                .path("image")
                                .path("ref")
                                .path("$link")
                                .asString())
                        .mimeType())
                .isEqualTo("image/png");
    }

    @Test
    void aRetryOfTheSameDeliveryFindsItsPostInsteadOfPostingTwice() {
        PostOutcome first = adapter.publish(target, post("Once only"), "d-same", HTTP);
        PostOutcome again = adapter.publish(target, post("Once only"), "d-same", HTTP);

        assertThat(first.response().succeeded()).isTrue();
        assertThat(again.response().succeeded()).as(again.response().toString()).isTrue();
        assertThat(again.externalPostId()).isEqualTo(first.externalPostId());
        assertThat(again.permalink()).isEqualTo(first.permalink());
        assertThat(pds.posts()).hasSize(1);
        assertThat(pds.calls(FakeBluesky.CREATE)).isEqualTo(2); // the second collided
        assertThat(pds.calls(FakeBluesky.GET)).isEqualTo(1);
        assertThat(pds.problems()).isEmpty();

        adapter.publish(target, post("Once only"), "d-other", HTTP);
        assertThat(pds.posts()).hasSize(2);
    }

    @Test
    void aLostAnswerAfterThePostWasMadeEndsInSuccessWithOnePost() {
        pds.once(FakeBluesky.CREATE, Trouble.APPLY_THEN_HANG);
        PostOutcome outcome = adapter.publish(target, post("The answer got lost"), "d-lost", HTTP);

        assertThat(outcome.response().succeeded())
                .as(outcome.response().toString())
                .isTrue();
        assertThat(pds.posts()).hasSize(1);
        assertThat(outcome.externalPostId()).isEqualTo(pds.posts().get(0).uri());
    }

    @Test
    void aServerErrorWithoutAPostStaysAFailureForTheRetrySchedule() {
        pds.once(FakeBluesky.CREATE, Trouble.SERVER_ERROR);
        PostOutcome outcome = adapter.publish(target, post("Not yet"), "d-500", HTTP);
        assertThat(outcome.response().status()).isEqualTo(500);
        assertThat(outcome.externalPostId()).isNull();
        assertThat(pds.posts()).isEmpty();

        PostOutcome retried = adapter.publish(target, post("Not yet"), "d-500", HTTP);
        assertThat(retried.response().succeeded()).isTrue();
        assertThat(pds.posts()).hasSize(1);
    }

    @Test
    void aWrongAppPasswordIsAClear401AndNothingElseIsCalled() {
        ChannelTarget wrong = target(pds.url(), HANDLE, "zzzz-zzzz-zzzz-zzzz");
        PostOutcome outcome =
                adapter.publish(wrong, post("x", image("m/a.jpg", "image/jpeg", new byte[] {1, 2}, "a")), "d-pw", HTTP);

        assertThat(outcome.response().status()).isEqualTo(401);
        assertThat(outcome.response().body()).contains("Invalid identifier or password");
        assertThat(outcome.response().body()).doesNotContain("zzzz-zzzz-zzzz-zzzz");
        assertThat(pds.calls(FakeBluesky.SESSION)).isEqualTo(1);
        assertThat(pds.calls(FakeBluesky.UPLOAD)).isZero();
        assertThat(pds.calls(FakeBluesky.CREATE)).isZero();
    }

    @Test
    void aRefusedBlobUploadFailsThePostBeforeAnyRecord() {
        pds.once(FakeBluesky.UPLOAD, Trouble.REFUSED);
        PostOutcome outcome = adapter.publish(
                target, post("x", image("m/a.jpg", "image/jpeg", new byte[] {1, 2}, "a")), "d-blob", HTTP);
        assertThat(outcome.response().status()).isEqualTo(400);
        assertThat(pds.calls(FakeBluesky.CREATE)).isZero();
        assertThat(pds.posts()).isEmpty();
    }

    @Test
    void anUnreadableMediaFileFailsWithoutUploading() {
        PostImage broken = new PostImage("m/gone.jpg", "image/jpeg", 10, "a", () -> {
            throw new java.io.IOException("gone");
        });
        PostOutcome outcome = adapter.publish(target, post("x", broken), "d-gone", HTTP);
        assertThat(outcome.response().succeeded()).isFalse();
        assertThat(outcome.response().error()).isEqualTo("media_unreadable");
        assertThat(pds.calls(FakeBluesky.UPLOAD)).isZero();
    }

    @Test
    void garbledHugeOrExpiredAnswersAreFailuresNeverSuccesses() {
        for (Trouble trouble : List.of(Trouble.GARBLED, Trouble.HUGE)) {
            pds.once(FakeBluesky.SESSION, trouble);
            PostOutcome outcome = adapter.publish(target, post("x"), "d-g", HTTP);
            assertThat(outcome.response().succeeded()).as(trouble.name()).isFalse();
            assertThat(outcome.response().error()).isEqualTo("unreadable_answer");
            assertThat(outcome.response().body()).isNull();
        }
        pds.once(FakeBluesky.UPLOAD, Trouble.GARBLED);
        PostOutcome blob =
                adapter.publish(target, post("x", image("m/a.jpg", "image/jpeg", new byte[] {1}, "a")), "d-g2", HTTP);
        assertThat(blob.response().error()).isEqualTo("unreadable_answer");

        pds.once(FakeBluesky.CREATE, Trouble.UNAUTHORIZED);
        PostOutcome expired = adapter.publish(target, post("x"), "d-exp", HTTP);
        assertThat(expired.response().status()).isEqualTo(401);
        assertThat(pds.calls(FakeBluesky.GET)).isZero(); // an auth failure made nothing to look for
        assertThat(pds.posts()).isEmpty();
        assertThat(pds.problems()).isEmpty();
    }

    @Test
    void theSessionTokensNeverReachTheDeliveryLog() {
        PostOutcome outcome = adapter.publish(target, post("Tokens stay inside"), "d-tok", HTTP);
        OutboundResponse tested = adapter.deliver(target, Message.test("Bluesky", Instant.now()), "d-test", HTTP);
        assertThat(tested.succeeded()).isTrue();
        assertThat(tested.body()).isNull();
        String logged = outcome.response().body() + tested;
        assertThat(logged).doesNotContain("eyJ").doesNotContain(APP_PASSWORD);
    }

    @Test
    void aChannelTestOnlyOpensASessionAndAPublishedItemBecomesAPost() {
        OutboundResponse tested = adapter.deliver(target, Message.test("Bluesky", Instant.now()), "d-test", HTTP);
        assertThat(tested.status()).isEqualTo(200);
        assertThat(pds.calls(FakeBluesky.SESSION)).isEqualTo(1);
        assertThat(pds.posts()).isEmpty();

        Message published = new Message(
                "content.published",
                Instant.parse("2026-11-29T10:00:00Z"),
                new Document(),
                "New: Spring menu https://example.com/menu",
                true);
        assertThat(adapter.deliver(target, published, "d-pub", HTTP).succeeded())
                .isTrue();
        assertThat(pds.posts()).hasSize(1);
        assertThat(pds.posts().get(0).record().path("facets")).hasSize(1);
        assertThat(pds.problems()).isEmpty();
    }

    @Test
    void recordKeysAreValidTidsNearTheCompositionTimeAndDifferPerDelivery() {
        Instant at = Instant.parse("2026-11-29T12:00:00Z");
        String key = BlueskyAdapter.recordKey("d-1", at);
        assertThat(key).matches("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
        assertThat(BlueskyAdapter.recordKey("d-1", at)).isEqualTo(key);
        assertThat(BlueskyAdapter.recordKey("d-2", at)).isNotEqualTo(key);
        long value = 0;
        for (char c : key.toCharArray()) {
            value = (value << 5) | "234567abcdefghijklmnopqrstuvwxyz".indexOf(c);
        }
        long micros = value >>> 10;
        assertThat(micros / 1_000_000).isBetween(at.getEpochSecond() - 2, at.getEpochSecond() + 2);
    }

    @Test
    void countsGraphemesAgainst300AndTakesTheLexiconsImages() {
        assertThat(adapter.count(target, "👨‍👩‍👧", HTTP).count()).isEqualTo(1);
        assertThat(adapter.count(target, "e\u0301", HTTP).count()).isEqualTo(1);
        assertThat(adapter.count(target, "x".repeat(300), HTTP).ok()).isTrue();
        assertThat(adapter.count(target, "x".repeat(301), HTTP).ok()).isFalse();
        assertThat(adapter.count(target, "🇫🇷".repeat(300), HTTP).ok()).isTrue();
        assertThat(adapter.mediaRules().refusal(List.of(image("m/a.gif", "image/gif", new byte[1], "a"))))
                .isPresent();
        assertThat(adapter.mediaRules()
                        .refusal(List.of(new PostImage("m/big.jpg", "image/jpeg", 1_000_001, "a", () -> new byte[0]))))
                .isPresent();
        PostImage ok = image("m/a.jpg", "image/jpeg", new byte[1], "a");
        assertThat(adapter.mediaRules().refusal(List.of(ok, ok, ok, ok))).isEmpty();
        assertThat(adapter.mediaRules().refusal(List.of(ok, ok, ok, ok, ok))).isPresent();
        assertThat(adapter.social()).isTrue();
        assertThat(adapter.idempotent()).isTrue();
    }
}
