package io.vivreal.distribution.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.distribution.outbound.OutboundResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTests {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    /** A random source that always answers {@code value}: 0 is no jitter, just under 1 the most. */
    static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    static OutboundResponse answer(Integer status, Duration retryAfter) {
        return new OutboundResponse(
                status, status == null ? "timeout" : null, NOW, 10, null, Optional.ofNullable(retryAfter));
    }

    @Test
    void theScheduleIsSvixsAndJitterOnlyEverShortensAWaitByAtMostTenPercent() {
        DeliveryPolicy none = new DeliveryPolicy(RetrySchedule.SVIX, fixed(0));
        DeliveryPolicy most = new DeliveryPolicy(RetrySchedule.SVIX, fixed(0.999999));
        Duration[] waits = {
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10)
        };
        for (int n = 1; n <= 7; n++) {
            DeliveryPolicy.Decision exact = none.decide(answer(500, null), n, ChannelHealth.NEW, NOW);
            DeliveryPolicy.Decision earliest = most.decide(answer(500, null), n, ChannelHealth.NEW, NOW);
            assertThat(exact.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(exact.nextAttemptAt()).isEqualTo(NOW.plus(waits[n - 1]));
            assertThat(Duration.between(NOW, earliest.nextAttemptAt()))
                    .isBetween(waits[n - 1].multipliedBy(9).dividedBy(10), waits[n - 1]);
        }
        assertThat(none.decide(answer(500, null), 8, ChannelHealth.NEW, NOW).status())
                .isEqualTo(DeliveryStatus.EXHAUSTED);
    }

    @Test
    void retryAfterCountsOnlyOn429And503AndIsCappedAtAnHour() {
        DeliveryPolicy policy = new DeliveryPolicy(RetrySchedule.SVIX, fixed(0));
        assertThat(policy.decide(answer(429, Duration.ofSeconds(90)), 1, ChannelHealth.NEW, NOW)
                        .nextAttemptAt())
                .isEqualTo(NOW.plusSeconds(90));
        assertThat(policy.decide(answer(503, Duration.ofDays(2)), 1, ChannelHealth.NEW, NOW)
                        .nextAttemptAt())
                .isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(policy.decide(answer(500, Duration.ofSeconds(90)), 1, ChannelHealth.NEW, NOW)
                        .nextAttemptAt())
                .as("500 ignores Retry-After")
                .isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void goneDisablesAtOnceAndFiveDaysOfFailuresDisable() {
        DeliveryPolicy policy = new DeliveryPolicy(RetrySchedule.SVIX, fixed(0));
        DeliveryPolicy.Decision gone = policy.decide(answer(410, null), 1, ChannelHealth.NEW, NOW);
        assertThat(gone.status()).isEqualTo(DeliveryStatus.EXHAUSTED);
        assertThat(gone.disable()).isPresent();
        ChannelHealth failing =
                new ChannelHealth(null, 40, NOW.minus(Duration.ofDays(5)).plusSeconds(1), false, null);
        assertThat(policy.decide(answer(null, null), 1, failing, NOW).disable()).isEmpty();
        ChannelHealth fiveDays = new ChannelHealth(null, 41, NOW.minus(Duration.ofDays(5)), false, null);
        assertThat(policy.decide(answer(null, null), 1, fiveDays, NOW).disable())
                .isPresent();
        assertThat(policy.decide(answer(204, null), 1, fiveDays, NOW).status())
                .as("a success is a success")
                .isEqualTo(DeliveryStatus.SUCCEEDED);
    }

    @Test
    void aGroupsShareIsAnEqualSplitAtLeastOneAndNeverEveryWorker() {
        assertThat(DeliveryEngine.share(4, 1)).isEqualTo(3);
        assertThat(DeliveryEngine.share(4, 2)).isEqualTo(2);
        assertThat(DeliveryEngine.share(4, 3)).isEqualTo(1);
        assertThat(DeliveryEngine.share(4, 10)).isEqualTo(1);
        assertThat(DeliveryEngine.share(1, 1)).isEqualTo(1);
        assertThat(DeliveryEngine.share(16, 2)).isEqualTo(8);
    }

    static OutboundResponse failure(String error) {
        return new OutboundResponse(null, error, NOW, 10, null, Optional.empty());
    }

    @Test
    void aPostWithoutIdempotencyWhoseAnswerWasLostEndsUnknownInsteadOfBeingRetried() {
        DeliveryPolicy policy = new DeliveryPolicy(RetrySchedule.SVIX, fixed(0));
        for (String lost : new String[] {"timeout", "connection_failed"}) {
            DeliveryPolicy.Decision decision = policy.decidePost(failure(lost), 1, ChannelHealth.NEW, NOW, false);
            assertThat(decision.status()).as(lost).isEqualTo(DeliveryStatus.UNKNOWN);
            assertThat(decision.nextAttemptAt()).as(lost).isNull();
        }
    }

    @Test
    void aPostThatCertainlyWasNotSentOrWasAnsweredIsRetriedAsAnyDelivery() {
        DeliveryPolicy policy = new DeliveryPolicy(RetrySchedule.SVIX, fixed(0));
        for (String before : new String[] {
            "refused_by_guard", "connect_timeout", "connection_refused", "unknown_host", "credential_unreadable"
        }) {
            assertThat(policy.decidePost(failure(before), 1, ChannelHealth.NEW, NOW, false)
                            .status())
                    .as(before)
                    .isEqualTo(DeliveryStatus.RETRYING);
        }
        assertThat(policy.decidePost(answer(500, null), 1, ChannelHealth.NEW, NOW, false)
                        .status())
                .isEqualTo(DeliveryStatus.RETRYING);
        assertThat(policy.decidePost(answer(201, null), 1, ChannelHealth.NEW, NOW, false)
                        .status())
                .isEqualTo(DeliveryStatus.SUCCEEDED);
    }

    @Test
    void anIdempotentPlatformIsRetriedWithTheSameKeyAfterALostAnswer() {
        DeliveryPolicy policy = new DeliveryPolicy(RetrySchedule.SVIX, fixed(0));
        assertThat(policy.decidePost(failure("timeout"), 1, ChannelHealth.NEW, NOW, true)
                        .status())
                .isEqualTo(DeliveryStatus.RETRYING);
    }

    @Test
    void aRefusedConnectionEndsTheDeliveryAtOnceWithoutDisablingTheChannel() {
        DeliveryPolicy policy = new DeliveryPolicy(RetrySchedule.SVIX, fixed(0));
        OutboundResponse refused = new OutboundResponse(401, "needs_reconnect", NOW, 10, null, Optional.empty());
        DeliveryPolicy.Decision decision = policy.decide(refused, 1, ChannelHealth.NEW, NOW);
        assertThat(decision.status()).isEqualTo(DeliveryStatus.EXHAUSTED);
        assertThat(decision.nextAttemptAt()).isNull();
        assertThat(decision.disable()).isEmpty();
        // a plain 401 from a webhook receiver is still retried on the schedule
        assertThat(policy.decide(answer(401, null), 1, ChannelHealth.NEW, NOW).status())
                .isEqualTo(DeliveryStatus.RETRYING);
    }
}
