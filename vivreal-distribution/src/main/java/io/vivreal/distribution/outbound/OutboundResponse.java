package io.vivreal.distribution.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one request came to: the remote's status when it answered (null when it did not), the
 * class of error otherwise ({@code refused_by_guard}, {@code connect_timeout}, {@code timeout},
 * {@code connection_failed}, ...), how long it took, a redacted excerpt of the answer for the
 * delivery log, the {@code Retry-After} it asked for, the answer's headers (lower-case names,
 * first value, no cookies) and its bytes (at most {@link GuardedOutboundHttp#MAX_ANSWER}) for the
 * adapter to read ids from — those are never logged or stored, as a platform's answer can carry
 * a session token.
 */
public record OutboundResponse(
        Integer status,
        String error,
        Instant startedAt,
        long durationMs,
        String body,
        Optional<Duration> retryAfter,
        Map<String, String> headers,
        byte[] content) {

    public OutboundResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        content = content == null ? new byte[0] : content;
    }

    /** An outcome without headers or content: a failure before an answer, or a test's. */
    public OutboundResponse(
            Integer status,
            String error,
            Instant startedAt,
            long durationMs,
            String body,
            Optional<Duration> retryAfter) {
        this(status, error, startedAt, durationMs, body, retryAfter, Map.of(), null);
    }

    public boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The answer as UTF-8 text, for the adapter to parse; never for a log. */
    public String contentText() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OutboundResponse[" + status + " " + error + ", " + durationMs + " ms]";
    }
}
