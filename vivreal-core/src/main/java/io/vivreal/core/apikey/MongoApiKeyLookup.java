package io.vivreal.core.apikey;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import io.vivreal.core.group.Tier;
import io.vivreal.core.store.ControlPlane;
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

    private static final Document PROJECTION = new Document("name", 1)
            .append("key", 1)
            .append("dbKey", 1)
            .append("tier", 1)
            .append("frozen", 1);

    private final MongoCollection<Document> groups;
    private final Clock clock;

    public MongoApiKeyLookup(ControlPlane controlPlane, Clock clock) {
        this.groups = controlPlane.collection("groups");
        this.clock = clock;
    }

    @Override
    public Optional<ApiKeyOwner> findOwner(String keyHash) {
        Document group;
        try {
            group = groups.find(eq(StoredApiKey.HASH_PATH, keyHash))
                    .projection(PROJECTION)
                    .first();
            if (group == null) {
                group = groups.find(and(
                                eq(PreviousApiKey.HASH_PATH, keyHash),
                                gt(PreviousApiKey.EXPIRES_PATH, Date.from(clock.instant()))))
                        .projection(PROJECTION)
                        .first();
            }
        } catch (MongoException e) {
            throw new StoreUnavailableException(e);
        }
        if (group == null) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyOwner(
                group.getObjectId("_id").toHexString(),
                group.getString("name"),
                group.getString("dbKey"),
                group.getString("key"),
                Tier.parse(group.getString("tier"), "tier"),
                Boolean.TRUE.equals(group.getBoolean("frozen"))));
    }
}
