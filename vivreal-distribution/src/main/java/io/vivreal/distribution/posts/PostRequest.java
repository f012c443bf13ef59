package io.vivreal.distribution.posts;

import io.vivreal.core.domain.DomainException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A post as asked for: {@code {"itemId"?, "publishAt"?, "channels": [{"channelId", "text"?}]}}.
 * Parsed strictly — an unknown property, a wrong type or a repeated channel is a 400 naming the
 * field — before anything is looked up.
 */
record PostRequest(String itemId, Instant publishAt, List<ChannelText> channels) {

    static final int MAX_CHANNELS = 20;
    static final int MAX_TEXT = 10_000;
    private static final Set<String> TOP_LEVEL = Set.of("itemId", "publishAt", "channels");
    private static final Set<String> CHANNEL_KEYS = Set.of("channelId", "text");

    /** One channel of the post, with its own text (null: the channel's template). */
    record ChannelText(String channelId, String text) {}

    static PostRequest parse(Map<String, Object> body) {
        if (body == null) {
            throw DomainException.invalid(null, "a JSON object is required");
        }
        for (String key : body.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw DomainException.invalid(key, "unknown property '" + key + "'");
            }
        }
        String itemId = null;
        if (body.get("itemId") != null) {
            if (!(body.get("itemId") instanceof String id) || id.isBlank()) {
                throw DomainException.invalid("itemId", "itemId must be the id of one of this group's items");
            }
            itemId = id.strip();
        }
        Instant publishAt = null;
        if (body.get("publishAt") != null) {
            if (!(body.get("publishAt") instanceof String text)) {
                throw DomainException.invalid(
                        "publishAt", "publishAt must be an ISO 8601 time, like 2026-01-31T09:00:00Z");
            }
            try {
                publishAt = Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw DomainException.invalid(
                        "publishAt", "publishAt must be an ISO 8601 time, like 2026-01-31T09:00:00Z");
            }
        }
        if (!(body.get("channels") instanceof List<?> given) || given.isEmpty()) {
            throw DomainException.invalid("channels", "channels must be a non-empty list of {channelId, text?}");
        }
        if (given.size() > MAX_CHANNELS) {
            throw DomainException.invalid("channels", "a post goes to at most " + MAX_CHANNELS + " channels");
        }
        List<ChannelText> channels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String at = "channels[" + i + "]";
            if (!(given.get(i) instanceof Map<?, ?> entry)) {
                throw DomainException.invalid(at, at + " must be an object {channelId, text?}");
            }
            for (Object key : entry.keySet()) {
                if (!CHANNEL_KEYS.contains(String.valueOf(key))) {
                    throw DomainException.invalid(at + "." + key, "unknown property '" + key + "'");
                }
            }
            if (!(entry.get("channelId") instanceof String channelId) || channelId.isBlank()) {
                throw DomainException.invalid(at + ".channelId", at + ".channelId is required");
            }
            if (!seen.add(channelId.strip())) {
                throw DomainException.invalid(at + ".channelId", "a channel appears twice in this post");
            }
            Object text = entry.get("text");
            if (text != null && !(text instanceof String)) {
                throw DomainException.invalid(at + ".text", at + ".text must be a string");
            }
            if (text != null && ((String) text).length() > MAX_TEXT) {
                throw DomainException.invalid(at + ".text", at + ".text must be at most " + MAX_TEXT + " characters");
            }
            channels.add(new ChannelText(channelId.strip(), (String) text));
        }
        return new PostRequest(itemId, publishAt, List.copyOf(channels));
    }
}
