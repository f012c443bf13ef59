package io.vivreal.distribution.posts;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Sorts;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Posts in the tenant's {@code posts} collection: what was asked for (the item, the time, the
 * channels and their own texts), reached only through a tenant scope. What happened to each
 * channel lives in its integration object and its delivery.
 */
public final class PostRepository implements IndexDefinitions {

    static final String COLLECTION = "posts";

    private final TenantStore store;

    public PostRepository(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.of(COLLECTION, new Document("groupID", 1).append("publishAt", 1)));
    }

    private TenantCollection posts(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    void insert(TenantScope scope, Document post) {
        posts(scope).insertOne(post);
    }

    Optional<Document> find(TenantScope scope, String postId) {
        if (postId == null || postId.length() != 24 || !ObjectId.isValid(postId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(posts(scope).findOne(eq("_id", new ObjectId(postId))));
    }

    /** Posts due in {@code [from, to)}, soonest first, at most {@code limit}. */
    List<Document> between(TenantScope scope, Instant from, Instant to, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (from != null) {
            filters.add(gte("publishAt", Date.from(from)));
        }
        if (to != null) {
            filters.add(lt("publishAt", Date.from(to)));
        }
        List<Document> found = new ArrayList<>();
        posts(scope)
                .find(filters.isEmpty() ? null : and(filters))
                .sort(Sorts.ascending("publishAt", "_id"))
                .limit(limit)
                .forEach(found::add);
        return found;
    }

    boolean replace(TenantScope scope, ObjectId id, Bson update) {
        return posts(scope).updateOne(eq("_id", id), update).getMatchedCount() == 1;
    }

    void delete(TenantScope scope, ObjectId id) {
        posts(scope).deleteOne(eq("_id", id));
    }
}
