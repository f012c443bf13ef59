package io.vivreal.core.apikey;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import io.vivreal.core.group.Tier;
import io.vivreal.core.store.ControlPlane;
import java.util.Optional;
import org.bson.Document;

/** Looks a key hash up in the control-plane {@code groups} collection, under its unique index. */
public final class MongoApiKeyLookup implements ApiKeyLookup {

    private static final Document PROJECTION = new Document("name", 1)
            .append("key", 1)
            .append("dbKey", 1)
            .append("tier", 1)
            .append("frozen", 1);

    private final MongoCollection<Document> groups;

    public MongoApiKeyLookup(ControlPlane controlPlane) {
        this.groups = controlPlane.collection("groups");
    }

    @Override
    public Optional<ApiKeyOwner> findOwner(String keyHash) {
        Document group;
        try {
            group = groups.find(eq(StoredApiKey.HASH_PATH, keyHash))
                    .projection(PROJECTION)
                    .first();
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
