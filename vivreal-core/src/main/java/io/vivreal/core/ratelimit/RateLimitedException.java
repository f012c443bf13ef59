package io.vivreal.core.ratelimit;

import io.vivreal.core.domain.DomainException;
import java.time.Duration;

/** Too many attempts; answered 429 with {@code Retry-After}. */
public final class RateLimitedException extends DomainException {

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(Kind.RATE_LIMITED, "rate_limited", message, null);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the window ends, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
