package io.vivreal.content.subscribers;

import io.vivreal.content.BsonJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One address subscribed to one content type's newsletter. */
public record Subscriber(
        String id,
        String groupID,
        String typeId,
        String email,
        SubscriberStatus status,
        Instant createdAt,
        Instant confirmedAt,
        Instant unsubscribedAt) {

    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("subscriberId", id);
        wire.put("typeId", typeId);
        wire.put("email", email);
        wire.put("status", status.wire());
        wire.put("createdAt", BsonJson.date(createdAt));
        wire.put("confirmedAt", confirmedAt == null ? null : BsonJson.date(confirmedAt));
        wire.put("unsubscribedAt", unsubscribedAt == null ? null : BsonJson.date(unsubscribedAt));
        return wire;
    }

    @Override
    public String toString() {
        return "Subscriber[" + id + " " + status.wire() + "]"; // the address stays out of log lines
    }
}
