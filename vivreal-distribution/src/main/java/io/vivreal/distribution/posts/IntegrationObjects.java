package io.vivreal.distribution.posts;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
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
 * Integration objects in the tenant's {@code integrationObjects} collection — the one the Client
 * API lists by {@code platform} — reached only through a tenant scope. One per post channel,
 * marked {@code post: true} so the Client API lists a post only once {@code published}, while
 * objects synced from a platform (Stripe products) keep their own rules. Status changes are
 * compare-and-set on the states they may follow, so a late retry never turns {@code published}
 * back into {@code publishing}.
 */
public final class IntegrationObjects implements IndexDefinitions {

    /** The Client API's collection ({@code ContentReader.INTEGRATION_OBJECTS}). */
    static final String COLLECTION = "integrationObjects";

    private final TenantStore store;

    public IntegrationObjects(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(
                IndexSpec.of(COLLECTION, new Document("groupID", 1).append("postId", 1)),
                IndexSpec.of(
                        COLLECTION, new Document("groupID", 1).append("post", 1).append("createdAt", 1)));
    }

    private TenantCollection objects(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    void insert(TenantScope scope, Document object) {
        objects(scope).insertOne(object);
    }

    List<Document> ofPost(TenantScope scope, String postId) {
        return toList(objects(scope).find(eq("postId", postId)).sort(Sorts.ascending("createdAt", "_id")));
    }

    List<Document> ofPosts(TenantScope scope, List<String> postIds) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        return toList(objects(scope).find(in("postId", postIds)).sort(Sorts.ascending("createdAt", "_id")));
    }

    Optional<Document> byDelivery(TenantScope scope, String deliveryId) {
        return Optional.ofNullable(objects(scope).findOne(eq("deliveryId", deliveryId)));
    }

    /** Post channels made since {@code since}: the posts-per-month quota. */
    long postsSince(TenantScope scope, Instant since) {
        return objects(scope).count(and(eq("post", true), gte("createdAt", Date.from(since))));
    }

    /** Moves the object of a delivery to {@code status} if it is in one of {@code from}. */
    boolean move(TenantScope scope, String deliveryId, List<String> from, Instant now, Bson... changes) {
        List<Bson> updates = new ArrayList<>(List.of(changes));
        updates.add(Updates.set("updatedAt", Date.from(now)));
        return objects(scope)
                        .updateOne(and(eq("deliveryId", deliveryId), in("status", from)), Updates.combine(updates))
                        .getMatchedCount()
                == 1;
    }

    boolean update(TenantScope scope, ObjectId id, Bson filter, Bson update) {
        return objects(scope).updateOne(and(eq("_id", id), filter), update).getMatchedCount() == 1;
    }

    void delete(TenantScope scope, ObjectId id) {
        objects(scope).deleteOne(eq("_id", id));
    }

    private static List<Document> toList(Iterable<Document> documents) {
        List<Document> list = new ArrayList<>();
        documents.forEach(list::add);
        return list;
    }
}
