package io.vivreal.core.group;

import java.time.Instant;

/** A group's API key in plaintext, for the owner or admin who asked; never stored or logged. */
public record RevealedApiKey(String apiKey, String prefix, Instant createdAt, Instant lastUsedAt) {

    @Override
    public String toString() {
        return "RevealedApiKey[" + prefix + "…]";
    }
}
