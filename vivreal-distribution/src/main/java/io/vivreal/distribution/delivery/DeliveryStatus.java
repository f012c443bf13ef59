package io.vivreal.distribution.delivery;

import java.util.List;
import java.util.Optional;

/**
 * A delivery's state. {@code pending}: waiting for its first attempt (or re-queued); {@code
 * sending}: a worker holds it now; {@code retrying}: failed, next attempt at {@code
 * nextAttemptAt}; {@code unknown}: the worker sending it stopped (a crash) so nobody knows
 * whether the receiver got it — it is sent again with the same id, except a post to a platform
 * without idempotency, which is held for a person to confirm (ADR 0016); {@code succeeded}, {@code
 * exhausted} (every attempt failed, or the receiver said 410) and {@code skipped} (the channel was
 * disabled or deleted) are final until someone resends or recovers.
 */
public enum DeliveryStatus {
    PENDING,
    SENDING,
    SUCCEEDED,
    RETRYING,
    EXHAUSTED,
    SKIPPED,
    UNKNOWN;

    /** States a worker still has to send. */
    static final List<String> OPEN = List.of(PENDING.wire(), RETRYING.wire(), UNKNOWN.wire());
    /** States {@code recover} re-queues. */
    static final List<String> FAILED = List.of(EXHAUSTED.wire(), SKIPPED.wire(), UNKNOWN.wire());

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<DeliveryStatus> parse(String value) {
        for (DeliveryStatus status : values()) {
            if (status.wire().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
