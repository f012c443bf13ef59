package io.vivreal.distribution.channels;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * A channel as stored: plain settings as given, secret settings as {@code enc:v1:} ciphertexts
 * bound to (group, channel id, {@code settings.<name>}), and a masked hint per secret.
 */
record StoredChannel(
        String id,
        String groupID,
        ChannelType type,
        String name,
        Document settings,
        Document hints,
        Subscription subscription,
        AutoPost autoPost,
        Instant createdAt,
        Instant updatedAt) {

    /** The channel as answered: secrets only as their masked hints. */
    Map<String, Object> toWire() {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (ChannelType.Setting setting : type.settings()) {
            if (!settings.containsKey(setting.name())) {
                continue;
            }
            shown.put(
                    setting.name(),
                    setting.secret() ? hints.getString(setting.name()) : settings.getString(setting.name()));
        }
        Document headers = settings.get(ChannelType.SECRET_HEADERS, Document.class);
        if (headers != null) {
            Document headerHints = hints.get(ChannelType.SECRET_HEADERS, new Document());
            Map<String, Object> masked = new LinkedHashMap<>();
            for (String header : headers.keySet()) {
                masked.put(header, headerHints.getString(header));
            }
            shown.put(ChannelType.SECRET_HEADERS, masked);
        }
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("_id", id);
        wire.put("groupID", groupID);
        wire.put("type", type.wireName());
        wire.put("name", name);
        wire.put("settings", shown);
        wire.put("events", subscription.eventNames());
        wire.put("contentTypes", subscription.contentTypes());
        wire.put("postTemplate", autoPost.template());
        wire.put("autoPostTypes", autoPost.contentTypes());
        wire.put("createdAt", createdAt);
        wire.put("updatedAt", updatedAt);
        return wire;
    }
}
