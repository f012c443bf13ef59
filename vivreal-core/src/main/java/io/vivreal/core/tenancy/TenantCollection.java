package io.vivreal.core.tenancy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import io.vivreal.core.store.CommitBatch;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A collection in a tenant database seen through one tenant's scope.
 *
 * <p>Every filter is combined with {@code groupID = scope.groupID}, every inserted document gets
 * the scope's {@code groupID} (a document naming another group is refused), and an update may not
 * touch {@code groupID}. There is no method that reaches the collection unscoped, so a handler
 * cannot forget the tenant: the isolation is in the type, not in each query.
 */
public final class TenantCollection {

    public static final String GROUP_ID = "groupID";

    private final MongoCollection<Document> collection;
    private final TenantScope scope;

    TenantCollection(MongoCollection<Document> collection, TenantScope scope) {
        this.collection = Objects.requireNonNull(collection);
        this.scope = Objects.requireNonNull(scope, "a tenant collection needs a tenant scope");
    }

    public TenantScope scope() {
        return scope;
    }

    public TenantFind find(Bson filter) {
        return new TenantFind(collection.find(scoped(filter)));
    }

    public Document findOne(Bson filter) {
        return collection.find(scoped(filter)).first();
    }

    public long count(Bson filter) {
        return collection.countDocuments(scoped(filter));
    }

    public void insertOne(Document document) {
        writes().insertOne(stamped(document));
    }

    public UpdateResult updateOne(Bson filter, Bson update) {
        refuseGroupChange(update);
        return writes().updateOne(scoped(filter), update);
    }

    public UpdateResult updateMany(Bson filter, Bson update) {
        refuseGroupChange(update);
        return writes().updateMany(scoped(filter), update);
    }

    public DeleteResult deleteOne(Bson filter) {
        return writes().deleteOne(scoped(filter));
    }

    public DeleteResult deleteMany(Bson filter) {
        return writes().deleteMany(scoped(filter));
    }

    /** Inside a {@link CommitBatch} a write answers without waiting for its own commit. */
    private MongoCollection<Document> writes() {
        return CommitBatch.writes(collection);
    }

    private Bson scoped(Bson filter) {
        Bson own = Filters.eq(GROUP_ID, scope.groupID());
        return filter == null ? own : Filters.and(own, filter);
    }

    private Document stamped(Document document) {
        Object existing = document.get(GROUP_ID);
        if (existing != null && !scope.groupID().equals(existing)) {
            throw new TenantViolationException("document names another group");
        }
        document.put(GROUP_ID, scope.groupID());
        return document;
    }

    /**
     * Refuses any update that would write {@code groupID}: as a field of any operator ({@code $set},
     * {@code $unset}, {@code $inc}, ...), as a dotted path under it, or as the target of a {@code
     * $rename} — the last would move a document into another tenant.
     */
    private static void refuseGroupChange(Bson update) {
        BsonDocument document = update.toBsonDocument();
        if (touchesGroup(document.keySet())) {
            throw new TenantViolationException("an update may not change groupID");
        }
        for (Map.Entry<String, BsonValue> operation : document.entrySet()) {
            if (!operation.getValue().isDocument()) {
                continue;
            }
            BsonDocument fields = operation.getValue().asDocument();
            boolean renamesOntoGroup = operation.getKey().equals("$rename")
                    && fields.values().stream()
                            .anyMatch(target -> target.isString()
                                    && touchesGroup(Set.of(target.asString().getValue())));
            if (touchesGroup(fields.keySet()) || renamesOntoGroup) {
                throw new TenantViolationException("an update may not change groupID");
            }
        }
    }

    private static boolean touchesGroup(Set<String> paths) {
        return paths.stream().anyMatch(path -> path.equals(GROUP_ID) || path.startsWith(GROUP_ID + "."));
    }
}
