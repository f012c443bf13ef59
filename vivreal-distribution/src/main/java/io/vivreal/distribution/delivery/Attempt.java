package io.vivreal.distribution.delivery;

import io.vivreal.distribution.outbound.OutboundResponse;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * One attempt as the log keeps it: its number, when it started, how long it took, the remote's
 * HTTP status or the class of error, and the first 2 KB of the answer, redacted.
 */
public record Attempt(int n, Instant at, long durationMs, Integer status, String error, String body) {

    static Attempt of(int n, OutboundResponse response) {
        return new Attempt(
                n, response.startedAt(), response.durationMs(), response.status(), response.error(), response.body());
    }

    Document toDocument() {
        return new Document("n", n)
                .append("at", Date.from(at))
                .append("durationMs", durationMs)
                .append("status", status)
                .append("error", error)
                .append("body", body);
    }

    static Attempt from(Document document) {
        Number duration = document.get("durationMs", Number.class);
        return new Attempt(
                document.getInteger("n", 0),
                document.getDate("at").toInstant(),
                duration == null ? 0 : duration.longValue(),
                document.getInteger("status"),
                document.getString("error"),
                document.getString("body"));
    }
}
