package io.vivreal.core.apikey;

import io.vivreal.authorizer.MongoApiKeyLookup;
import io.vivreal.core.crypto.CredentialBinding;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * What the store keeps of a group's API key: its lookup hash, its ciphertext (so owners and admins
 * can reveal it), a displayable prefix and dates. Never the key itself.
 */
public record StoredApiKey(String hash, String ciphertext, String prefix, Instant createdAt, Instant lastUsedAt) {

    public static final String HASH_PATH = MongoApiKeyLookup.CURRENT_HASH_PATH;
    public static final String CIPHERTEXT_PATH = "apiKey.ciphertext";

    /** The associated data of a group's key ciphertext: the group is both the tenant and the record. */
    public static CredentialBinding binding(String groupId) {
        return new CredentialBinding(groupId, groupId, "apiKey");
    }

    public Document toDocument() {
        Document document = new Document("hash", hash)
                .append("ciphertext", ciphertext)
                .append("prefix", prefix)
                .append("createdAt", Date.from(createdAt));
        if (lastUsedAt != null) {
            document.append("lastUsedAt", Date.from(lastUsedAt));
        }
        return document;
    }

    public static StoredApiKey fromDocument(Document document) {
        Date lastUsed = document.getDate("lastUsedAt");
        return new StoredApiKey(
                document.getString("hash"),
                document.getString("ciphertext"),
                document.getString("prefix"),
                document.getDate("createdAt").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }

    @Override
    public String toString() {
        return "StoredApiKey[" + prefix + "…]";
    }
}
