package io.vivreal.app.networks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.fakes.FakeMastodon;
import io.vivreal.app.fakes.FakeMastodon.Trouble;
import io.vivreal.app.support.MutableClock;
import io.vivreal.distribution.adapters.MastodonAdapter;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Mastodon adapter against a local instance that checks the media and status calls. */
class MastodonAdapterTests {

    static final String TOKEN = "mastodon-access-token-0123456789";
    static final GuardedOutboundHttp HTTP =
            new GuardedOutboundHttp(OutboundGuard.withSystemResolver(List.of("127.0.0.1")), Clock.systemUTC());
    static final List<Duration> QUICK_POLLS = Collections.nCopies(5, Duration.ofMillis(10));

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    final MastodonAdapter adapter = new MastodonAdapter(clock, QUICK_POLLS);
    FakeMastodon instance;
    ChannelTarget target;

    @BeforeEach
    void instance() {
        instance = new FakeMastodon(TOKEN);
        target = target(instance);
    }

    @AfterEach
    void stop() {
        instance.close();
    }

    @AfterAll
    static void closeHttp() throws Exception {
        HTTP.close();
    }

    static ChannelTarget target(FakeMastodon instance) {
        return new ChannelTarget(
                "c1",
                "g1",
                ChannelType.MASTODON,
                "Mastodon",
                Map.of("instanceUrl", instance.url() + "/", "accessToken", TOKEN),
                Map.of());
    }

    static PostImage image(String key, String type, byte[] bytes, String alt) {
        return new PostImage(key, type, bytes.length, alt, () -> bytes);
    }

    static PostContent post(String text, PostImage... images) {
        return new PostContent(text, List.of(images), Instant.parse("2026-11-29T12:00:00Z"));
    }

    @Test
    void imagesAreUploadedWithAltTextThenTheStatusCarriesTheirIdsAndTheIdempotencyKey() {
        byte[] jpeg = "jpeg-bytes\r\n--not-a-boundary".getBytes(StandardCharsets.ISO_8859_1);
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        PostOutcome outcome = adapter.publish(
                target,
                post(
                        "Spring menu 🌷 https://example.com/menu",
                        image("media/g1/spring menu.jpg", "image/jpeg", jpeg, "A bowl of soup — crème fraîche"),
                        image("media/g1/b.png", "image/png", png, "")),
                "dlv_42",
                HTTP);

        assertThat(instance.problems()).isEmpty();
        assertThat(outcome.response().succeeded())
                .as(outcome.response().toString())
                .isTrue();
        assertThat(instance.statuses()).hasSize(1);
        FakeMastodon.Status status = instance.statuses().get(0);
        assertThat(status.idempotencyKey()).isEqualTo("dlv_42");
        assertThat(status.visibility()).isEqualTo("public");
        assertThat(status.text()).isEqualTo("Spring menu 🌷 https://example.com/menu");
        assertThat(status.mediaIds()).hasSize(2);
        FakeMastodon.Media first = instance.media(status.mediaIds().get(0));
        assertThat(first.bytes()).isEqualTo(jpeg);
        assertThat(first.mimeType()).isEqualTo("image/jpeg");
        assertThat(first.fileName()).isEqualTo("spring_menu.jpg");
        assertThat(first.description()).isEqualTo("A bowl of soup — crème fraîche");
        assertThat(instance.media(status.mediaIds().get(1)).bytes()).isEqualTo(png);
        assertThat(outcome.externalPostId()).isEqualTo(status.id());
        assertThat(outcome.permalink()).isEqualTo(status.url());
        assertThat(outcome.response().body()).doesNotContain(TOKEN);
    }

    @Test
    void aProcessingUploadIsPolledUntilReadyAndABoundedWaitFailsTheAttempt() {
        instance.processingPolls.set(2);
        PostOutcome ready = adapter.publish(
                target, post("x", image("m/a.png", "image/png", new byte[] {1, 2, 3}, "a")), "d-poll", HTTP);
        assertThat(ready.response().succeeded()).as(ready.response().toString()).isTrue();
        assertThat(instance.calls(FakeMastodon.MEDIA_GET)).isEqualTo(3); // two 206, then 200

        instance.processingPolls.set(50);
        PostOutcome slow =
                adapter.publish(target, post("y", image("m/b.png", "image/png", new byte[] {4}, "b")), "d-slow", HTTP);
        assertThat(slow.response().succeeded()).isFalse();
        assertThat(slow.response().error()).isEqualTo("media_processing");
        assertThat(instance.calls(FakeMastodon.MEDIA_GET)).isEqualTo(3 + QUICK_POLLS.size());
        assertThat(instance.statuses()).hasSize(1);
        assertThat(instance.problems()).isEmpty();
    }

    @Test
    void aRetryOfTheSameDeliveryGetsTheSameStatusNotASecondOne() {
        PostOutcome first = adapter.publish(target, post("Once"), "d-1", HTTP);
        PostOutcome again = adapter.publish(target, post("Once"), "d-1", HTTP);
        assertThat(again.externalPostId()).isEqualTo(first.externalPostId());
        assertThat(instance.statuses()).hasSize(1);
        adapter.publish(target, post("Once"), "d-2", HTTP);
        assertThat(instance.statuses()).hasSize(2);
        assertThat(adapter.idempotent()).isTrue();
        assertThat(adapter.social()).isTrue();
    }

    @Test
    void theLimitIsTheInstancesReadOncePerHourAndUrlsAndRemoteMentionsCountShort() {
        instance.maxCharacters.set(1000);
        assertThat(adapter.count(target, "hello", HTTP).limit()).isEqualTo(1000);
        assertThat(adapter.count(target, "hello", HTTP).limit()).isEqualTo(1000);
        assertThat(instance.calls(FakeMastodon.INSTANCE)).isEqualTo(1);
        instance.maxCharacters.set(700);
        clock.advance(Duration.ofMinutes(61));
        assertThat(adapter.count(target, "hello", HTTP).limit()).isEqualTo(700);
        assertThat(instance.calls(FakeMastodon.INSTANCE)).isEqualTo(2);

        String url = "https://example.com/" + "a".repeat(200);
        assertThat(adapter.count(target, "Read " + url, HTTP).count()).isEqualTo(5 + 23);
        assertThat(adapter.count(target, "hi @alice@social.example.org!", HTTP).count())
                .isEqualTo("hi @alice!".length());
        assertThat(adapter.count(target, "👨‍👩‍👧 é", HTTP).count()).isEqualTo(3);
    }

    @Test
    void anUnreadableInstanceMeans500() {
        instance.once(FakeMastodon.INSTANCE, Trouble.SERVER_ERROR);
        assertThat(adapter.count(target, "x", HTTP).limit()).isEqualTo(500);
        try (FakeMastodon garbled = new FakeMastodon(TOKEN)) {
            garbled.once(FakeMastodon.INSTANCE, Trouble.GARBLED);
            assertThat(adapter.count(target(garbled), "x", HTTP).limit()).isEqualTo(500);
        }
    }

    @Test
    void hostileOrGarbledAnswersFailTheAttemptAndNoIdReachesAPath() {
        instance.once(FakeMastodon.MEDIA, Trouble.HOSTILE_IDS);
        PostOutcome hostile =
                adapter.publish(target, post("x", image("m/a.png", "image/png", new byte[] {1}, "a")), "d-h", HTTP);
        assertThat(hostile.response().error()).isEqualTo("unreadable_answer");
        assertThat(instance.calls(FakeMastodon.STATUSES)).isZero();

        instance.once(FakeMastodon.STATUSES, Trouble.HOSTILE_IDS);
        PostOutcome badStatus = adapter.publish(target, post("x"), "d-h2", HTTP);
        assertThat(badStatus.response().succeeded()).isFalse();
        assertThat(badStatus.permalink()).isNull();

        instance.once(FakeMastodon.STATUSES, Trouble.GARBLED);
        assertThat(adapter.publish(target, post("x"), "d-g", HTTP).response().error())
                .isEqualTo("unreadable_answer");

        instance.once(FakeMastodon.MEDIA, Trouble.UNAUTHORIZED);
        PostOutcome refused =
                adapter.publish(target, post("x", image("m/a.png", "image/png", new byte[] {1}, "a")), "d-401", HTTP);
        assertThat(refused.response().status()).isEqualTo(401);
        assertThat(instance.statuses()).isEmpty();
        assertThat(instance.problems()).isEmpty();
    }

    @Test
    void eventMessagesStillPostAndTestsStayDirect() {
        OutboundResponse tested = adapter.deliver(target, Message.test("Mastodon", Instant.now()), "d-t", HTTP);
        assertThat(tested.succeeded()).isTrue();
        assertThat(instance.statuses().get(0).visibility()).isEqualTo("direct");
        assertThat(instance.statuses().get(0).idempotencyKey()).isEqualTo("d-t");
    }

    @Test
    void mediaRulesAreMastodonsDefaults() {
        PostImage ok = image("m/a.gif", "image/gif", new byte[1], "a");
        assertThat(adapter.mediaRules().refusal(List.of(ok, ok, ok, ok))).isEmpty();
        assertThat(adapter.mediaRules().refusal(List.of(ok, ok, ok, ok, ok))).isPresent();
        assertThat(adapter.mediaRules().refusal(List.of(image("m/a.svg", "image/svg+xml", new byte[1], "a"))))
                .isPresent();
        assertThat(adapter.mediaRules().refusal(List.of(image("m/a.png", "image/png", new byte[1], "a".repeat(1501)))))
                .isPresent();
        assertThat(adapter.mediaRules()
                        .refusal(List.of(
                                new PostImage("m/big.png", "image/png", 16L * 1024 * 1024 + 1, "", () -> null))))
                .isPresent();
    }
}
