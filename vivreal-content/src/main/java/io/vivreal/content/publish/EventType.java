package io.vivreal.content.publish;

import java.util.Optional;

/**
 * The kinds of content event the outbox records and channels can subscribe to. A change to a
 * published item is {@code content.updated}; taking a published item off the Client API (archive,
 * back to draft, a publish date moved to the future, delete) is {@code content.unpublished}.
 */
public enum EventType {
    PUBLISHED("content.published"),
    UPDATED("content.updated"),
    UNPUBLISHED("content.unpublished"),
    SUBMISSION_RECEIVED("submission.received");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> parse(Object value) {
        for (EventType type : values()) {
            if (type.wireName.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
