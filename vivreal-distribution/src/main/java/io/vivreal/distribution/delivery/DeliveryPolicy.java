package io.vivreal.distribution.delivery;

import io.vivreal.distribution.outbound.OutboundResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What an attempt's outcome means, as a value: success is a 2xx answer; {@code 410 Gone} ends the
 * delivery and disables the channel at once; a channel whose attempts have all failed for {@link
 * #DISABLE_AFTER} is disabled; {@code 429} and {@code 503} with {@code Retry-After} wait that long
 * (at most {@link #MAX_RETRY_AFTER}); any other failure waits for the schedule's next step, and
 * after the last one the delivery is exhausted. An adapter's {@code needs_reconnect} (the platform
 * refused the connection's token) is final at once: no retry can succeed until a person
 * reconnects, and the channel is not disabled — reconnecting is the fix.
 */
final class DeliveryPolicy {

    static final Duration DISABLE_AFTER = Duration.ofDays(5);
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
    /** The error an adapter reports when the platform refused the connection's token. */
    static final String NEEDS_RECONNECT = "needs_reconnect";

    /** The state an attempt leads to, and the reason to disable the channel, if any. */
    record Decision(DeliveryStatus status, Instant nextAttemptAt, Optional<String> disable) {}

    private final RetrySchedule schedule;
    private final RandomGenerator random;

    DeliveryPolicy(RetrySchedule schedule, RandomGenerator random) {
        this.schedule = schedule;
        this.random = random;
    }

    /**
     * A post's attempt: as {@link #decide}, except that a platform without idempotency whose
     * outcome was lost — the request may have reached it, but no answer came ({@link #lost}) —
     * ends {@code unknown} for a person to confirm, never retried blindly into a second post.
     */
    Decision decidePost(OutboundResponse response, int n, ChannelHealth health, Instant now, boolean idempotent) {
        if (!idempotent && lost(response)) {
            return new Decision(DeliveryStatus.UNKNOWN, null, Optional.empty());
        }
        return decide(response, n, health, now);
    }

    /**
     * Whether a request may have reached the platform without an answer coming back: a read
     * timeout or a connection that broke after it opened. Refusals before a connection (the
     * guard, a connect timeout, a refused connection, an unknown host, an unreadable credential)
     * sent nothing, so they are safe to retry.
     */
    static boolean lost(OutboundResponse response) {
        if (response.status() != null) {
            return false;
        }
        String error = response.error();
        return !("refused_by_guard".equals(error)
                || "connect_timeout".equals(error)
                || "connection_refused".equals(error)
                || "unknown_host".equals(error)
                || "credential_unreadable".equals(error));
    }

    /** {@code n}: this attempt's number since the last resend; {@code health}: before this attempt. */
    Decision decide(OutboundResponse response, int n, ChannelHealth health, Instant now) {
        if (response.succeeded()) {
            return new Decision(DeliveryStatus.SUCCEEDED, null, Optional.empty());
        }
        if (NEEDS_RECONNECT.equals(response.error())) {
            return new Decision(DeliveryStatus.EXHAUSTED, null, Optional.empty());
        }
        Integer status = response.status();
        if (status != null && status == 410) {
            return new Decision(DeliveryStatus.EXHAUSTED, null, Optional.of("the receiver answered 410 Gone"));
        }
        Instant failingSince =
                health.failureStreak() == 0 || health.failingSince() == null ? now : health.failingSince();
        if (!failingSince.plus(DISABLE_AFTER).isAfter(now)) {
            return new Decision(DeliveryStatus.EXHAUSTED, null, Optional.of("every attempt failed for 5 days"));
        }
        Optional<Duration> wait = schedule.after(n, random);
        if (wait.isEmpty()) {
            return new Decision(DeliveryStatus.EXHAUSTED, null, Optional.empty());
        }
        Duration delay = wait.get();
        if (status != null
                && (status == 429 || status == 503)
                && response.retryAfter().isPresent()) {
            Duration asked = response.retryAfter().get();
            delay = asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        }
        return new Decision(DeliveryStatus.RETRYING, now.plus(delay), Optional.empty());
    }
}
