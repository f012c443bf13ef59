package io.vivreal.content.items;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.model.Sorts;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Every saved state of an item, newest first; the tier decides how many are kept. */
public final class VersionRepository implements IndexDefinitions {

    static final String COLLECTION = "contentVersions";

    private final TenantStore store;

    public VersionRepository(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.unique(
                COLLECTION, new Document("groupID", 1).append("itemId", 1).append("version", -1)));
    }

    private TenantCollection versions(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    void record(TenantScope scope, ContentItem item, String action) {
        versions(scope)
                .insertOne(new Document("itemId", item.id())
                        .append("version", item.version())
                        .append("action", action)
                        .append("objectValue", item.objectValue())
                        .append("publishDate", item.publishDate() == null ? null : Date.from(item.publishDate()))
                        .append("archived", item.archived())
                        .append("actor", item.updatedBy())
                        .append("at", Date.from(item.updatedAt())));
    }

    /** Drops versions older than the newest {@code keep}. */
    void prune(TenantScope scope, String itemId, long currentVersion, int keep) {
        long oldestKept = currentVersion - keep + 1;
        if (oldestKept > 1) {
            versions(scope).deleteMany(and(eq("itemId", itemId), lte("version", oldestKept - 1)));
        }
    }

    List<Document> list(TenantScope scope, String itemId) {
        List<Document> list = new ArrayList<>();
        versions(scope)
                .find(eq("itemId", itemId))
                .sort(Sorts.descending("version"))
                .into(list);
        return list;
    }

    Optional<Document> find(TenantScope scope, String itemId, long version) {
        return Optional.ofNullable(versions(scope).findOne(and(eq("itemId", itemId), eq("version", version))));
    }

    void deleteAll(TenantScope scope, String itemId) {
        versions(scope).deleteMany(eq("itemId", itemId));
    }
}
