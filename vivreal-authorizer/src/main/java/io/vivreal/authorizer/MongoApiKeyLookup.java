package io.vivreal.authorizer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Looks a key hash up in the control-plane {@code groups} collection, under its unique index: a
 * group's current key, else a rolled-away key whose overlap has not ended. The second read only
 * happens for a hash that is not a current key, so a live site's request costs one indexed read.
 */
public final class MongoApiKeyLookup implements ApiKeyLookup {

    /** Where a group keeps its current key's lookup hash (under a unique index). */
    public static final String CURRENT_HASH_PATH = "apiKey.hash";
    /** The field holding a rolled-away key during its overlap, and its hash and end. */
    public static final String PREVIOUS_FIELD = "apiKeyPrevious";

    public static final String PREVIOUS_HASH_PATH = PREVIOUS_FIELD + ".hash";
    public static final String PREVIOUS_EXPIRES_PATH = PREVIOUS_FIELD + ".expiresAt";

    private static final Document PROJECTION = new Document("name", 1)
            .append("key", 1)
            .append("dbKey", 1)
            .append("tier", 1)
            .append("frozen", 1);

    private final MongoCollection<Document> groups;
    private final Clock clock;

    /** @param groups the control plane's {@code groups} collection */
    public MongoApiKeyLookup(MongoCollection<Document> groups, Clock clock) {
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    public Optional<Tenant> findOwner(String keyHash) {
        Document group;
        try {
            group = groups.find(eq(CURRENT_HASH_PATH, keyHash))
                    .projection(PROJECTION)
                    .first();
            if (group == null) {
                group = groups.find(and(
                                eq(PREVIOUS_HASH_PATH, keyHash), gt(PREVIOUS_EXPIRES_PATH, Date.from(clock.instant()))))
                        .projection(PROJECTION)
                        .first();
            }
        } catch (MongoException e) {
            throw new StoreUnavailableException(e);
        }
        if (group == null) {
            return Optional.empty();
        }
        return Optional.of(new Tenant(
                group.getObjectId("_id").toHexString(),
                group.getString("name"),
                group.getString("dbKey"),
                group.getString("key"),
                group.getString("tier"),
                Boolean.TRUE.equals(group.getBoolean("frozen"))));
    }
}
