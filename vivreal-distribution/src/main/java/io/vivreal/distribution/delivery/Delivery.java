package io.vivreal.distribution.delivery;

import io.vivreal.content.BsonJson;
import io.vivreal.distribution.adapters.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One event for one channel. Its id is derived from the event and the channel, so two instances
 * fanning out the same event make the same delivery once; it is also the {@code webhook-id} every
 * attempt and every resend carries. {@code roundStart} is how many attempts came before the last
 * resend or recovery: the retry schedule counts from there.
 */
public record Delivery(
        String id,
        String groupID,
        String channelId,
        String eventId,
        String eventType,
        String itemId,
        String collectionId,
        Instant eventAt,
        DeliveryStatus status,
        Instant nextAttemptAt,
        int roundStart,
        List<Attempt> attempts,
        Instant createdAt,
        Message message) {

    static final Pattern ID = Pattern.compile("msg_[0-9a-f]{32}");

    static String idFor(String eventId, String channelId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((eventId + "\n" + channelId).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    /** Attempts since the last resend or recovery. */
    int attemptsInRound() {
        return attempts.size() - roundStart;
    }

    /** The Management API's shape. */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("deliveryId", id);
        wire.put("channelId", channelId);
        wire.put("eventId", eventId);
        wire.put("eventType", eventType);
        wire.put("itemId", itemId);
        wire.put("webhookId", id);
        wire.put("status", status.wire());
        wire.put("nextAttemptAt", nextAttemptAt == null ? null : BsonJson.date(nextAttemptAt));
        wire.put("createdAt", BsonJson.date(createdAt));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Attempt attempt : attempts) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("n", attempt.n());
            one.put("at", BsonJson.date(attempt.at()));
            one.put("durationMs", attempt.durationMs());
            one.put("status", attempt.status());
            one.put("error", attempt.error());
            one.put("body", attempt.body());
            shown.add(one);
        }
        wire.put("attempts", shown);
        return wire;
    }
}
