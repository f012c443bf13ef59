package io.vivreal.distribution.channels;

import io.vivreal.content.publish.EventType;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * What a channel receives: these event types, and only items of these content types (empty: all).
 * An event a channel does not subscribe to creates no delivery for it.
 */
public record Subscription(List<EventType> events, List<String> contentTypes) {

    public static final Subscription DEFAULT =
            new Subscription(List.of(EventType.PUBLISHED, EventType.UPDATED), List.of());

    public boolean wants(EventType type, String collectionId) {
        return events.contains(type) && (contentTypes.isEmpty() || contentTypes.contains(collectionId));
    }

    List<String> eventNames() {
        return events.stream().map(EventType::wireName).toList();
    }

    /** Channels stored before subscriptions existed get the default. */
    static Subscription from(Document document) {
        List<?> events = document.get("events", List.class);
        List<?> types = document.get("contentTypes", List.class);
        List<EventType> parsed = new ArrayList<>();
        if (events != null) {
            for (Object name : events) {
                EventType.parse(name).ifPresent(parsed::add);
            }
        }
        List<String> ids = new ArrayList<>();
        if (types != null) {
            for (Object id : types) {
                ids.add(String.valueOf(id));
            }
        }
        return new Subscription(parsed.isEmpty() ? DEFAULT.events() : List.copyOf(parsed), List.copyOf(ids));
    }
}
