package io.vivreal.distribution.delivery;

import io.vivreal.content.BsonJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a channel's deliveries are going: the last success, how many attempts in a row failed and
 * since when, and whether delivery stopped (a 410 answer, or five days of failures) until an owner
 * or admin enables it again.
 */
public record ChannelHealth(
        Instant lastSuccessAt, int failureStreak, Instant failingSince, boolean disabled, String disabledReason) {

    public static final ChannelHealth NEW = new ChannelHealth(null, 0, null, false, null);

    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("lastSuccessAt", BsonJson.date(lastSuccessAt));
        wire.put("failureStreak", failureStreak);
        wire.put("disabled", disabled);
        wire.put("disabledReason", disabledReason);
        return wire;
    }
}
