package io.vivreal.distribution.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one request came to: the remote's status when it answered (null when it did not), the
 * class of error otherwise ({@code refused_by_guard}, {@code connect_timeout}, {@code timeout},
 * {@code connection_failed}, ...), how long it took, a redacted excerpt of the answer, and the
 * {@code Retry-After} it asked for.
 */
public record OutboundResponse(
        Integer status, String error, Instant startedAt, long durationMs, String body, Optional<Duration> retryAfter) {

    public boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }
}
