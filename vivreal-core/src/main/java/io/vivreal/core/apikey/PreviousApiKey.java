package io.vivreal.core.apikey;

import io.vivreal.authorizer.MongoApiKeyLookup;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * A rolled-away key that still authorizes until {@code expiresAt}, so live sites can switch to the
 * new key without going dark. Only its lookup hash and display prefix are kept — never a
 * ciphertext: nobody needs to reveal a key that is on its way out.
 */
public record PreviousApiKey(String hash, String prefix, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

    public static final String FIELD = MongoApiKeyLookup.PREVIOUS_FIELD;
    public static final String HASH_PATH = MongoApiKeyLookup.PREVIOUS_HASH_PATH;
    public static final String EXPIRES_PATH = MongoApiKeyLookup.PREVIOUS_EXPIRES_PATH;

    public Document toDocument() {
        Document document = new Document("hash", hash)
                .append("prefix", prefix)
                .append("createdAt", Date.from(createdAt))
                .append("expiresAt", Date.from(expiresAt));
        if (lastUsedAt != null) {
            document.append("lastUsedAt", Date.from(lastUsedAt));
        }
        return document;
    }

    public static PreviousApiKey fromDocument(Document document) {
        Date lastUsed = document.getDate("lastUsedAt");
        return new PreviousApiKey(
                document.getString("hash"),
                document.getString("prefix"),
                document.getDate("createdAt").toInstant(),
                document.getDate("expiresAt").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }

    /** The current key, once a roll replaces it, kept until {@code expiresAt}. */
    public static PreviousApiKey of(StoredApiKey key, Instant expiresAt) {
        return new PreviousApiKey(key.hash(), key.prefix(), key.createdAt(), expiresAt, key.lastUsedAt());
    }

    @Override
    public String toString() {
        return "PreviousApiKey[" + prefix + "… until " + expiresAt + "]";
    }
}
