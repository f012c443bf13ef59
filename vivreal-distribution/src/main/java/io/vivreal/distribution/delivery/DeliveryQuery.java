package io.vivreal.distribution.delivery;

import io.vivreal.content.publish.EventType;
import io.vivreal.core.domain.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A page of the delivery log: optional filters, a limit (1–100, default 50) and an opaque cursor
 * naming the last delivery of the previous page. Anything malformed is a 400 naming the parameter.
 */
public record DeliveryQuery(
        Optional<String> channelId,
        Optional<DeliveryStatus> status,
        Optional<EventType> eventType,
        int limit,
        Optional<Cursor> after) {

    static final int MAX_LIMIT = 100;

    record Cursor(Instant createdAt, String id) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((createdAt.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static DeliveryQuery parse(String channelId, String status, String eventType, String limit, String cursor) {
        Optional<String> channel = blank(channelId) ? Optional.empty() : Optional.of(channelId.strip());
        Optional<DeliveryStatus> state = blank(status)
                ? Optional.empty()
                : Optional.of(DeliveryStatus.parse(status.strip())
                        .orElseThrow(() -> DomainException.invalid(
                                "status",
                                "status must be one of pending, sending, succeeded, retrying, exhausted, skipped,"
                                        + " unknown")));
        Optional<EventType> type = blank(eventType)
                ? Optional.empty()
                : Optional.of(EventType.parse(eventType.strip())
                        .orElseThrow(() -> DomainException.invalid("eventType", "eventType: unknown event type")));
        int size = 50;
        if (!blank(limit)) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw DomainException.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        return new DeliveryQuery(
                channel, state, type, size, blank(cursor) ? Optional.empty() : Optional.of(decode(cursor)));
    }

    private static Cursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            String id = text.substring(colon + 1);
            if (colon < 1 || !Delivery.ID.matcher(id).matches()) {
                throw new IllegalArgumentException();
            }
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))), id);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw DomainException.invalid("cursor", "cursor is not one this server gave out");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
