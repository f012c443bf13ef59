package io.vivreal.content.subscribers;

import java.util.Locale;
import java.util.Optional;

/** Where a subscriber stands; only {@link #CONFIRMED} ones are ever sent a newsletter. */
public enum SubscriberStatus {
    PENDING,
    CONFIRMED,
    UNSUBSCRIBED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SubscriberStatus> parse(String value) {
        for (SubscriberStatus status : values()) {
            if (status.wire().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
