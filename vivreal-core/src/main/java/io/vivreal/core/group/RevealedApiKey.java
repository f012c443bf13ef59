package io.vivreal.core.group;

import io.vivreal.core.apikey.PreviousApiKey;
import java.time.Instant;

/**
 * A group's API key in plaintext, for the owner or admin who asked; never stored or logged.
 *
 * @param previous the rolled-away key still authorizing until its {@code expiresAt}, or null
 */
public record RevealedApiKey(
        String apiKey, String prefix, Instant createdAt, Instant lastUsedAt, PreviousApiKey previous) {

    @Override
    public String toString() {
        return "RevealedApiKey[" + prefix + "…]";
    }
}
