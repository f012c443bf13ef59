package io.vivreal.content.publish;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.vivreal.content.items.ContentItem;
import io.vivreal.core.store.CommitBatch;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * When each non-draft item goes live, in one control-plane collection, so a single indexed query
 * finds everything due across every tenant database.
 */
public final class PublishSchedule implements IndexDefinitions {

    static final String COLLECTION = "publish_schedule";

    private final MongoCollection<Document> schedule;

    public PublishSchedule(ControlPlane controlPlane) {
        this.schedule = controlPlane.collection(COLLECTION);
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.of(COLLECTION, new Document("publishAt", 1)));
    }

    /** Records (or clears) when an item goes live after a write. */
    public void track(TenantScope scope, ContentItem item) {
        String id = scope.groupID() + ":" + item.id();
        if (item.publishDate() == null || item.archived()) {
            CommitBatch.writes(schedule).deleteOne(eq("_id", id));
            return;
        }
        CommitBatch.writes(schedule)
                .replaceOne(
                        eq("_id", id),
                        new Document("_id", id)
                                .append("groupID", scope.groupID())
                                .append("dbKey", scope.dbKey())
                                .append("itemId", item.id())
                                .append("collectionId", item.collectionId())
                                .append("publishAt", Date.from(item.publishDate())),
                        new ReplaceOptions().upsert(true));
    }

    /** Whether the item's go-live at {@code publishAt} is still waiting for the worker. */
    boolean waiting(TenantScope scope, String itemId, Instant publishAt) {
        return publishAt != null
                && schedule.find(and(eq("_id", scope.groupID() + ":" + itemId), eq("publishAt", Date.from(publishAt))))
                                .first()
                        != null;
    }

    public void forget(TenantScope scope, String itemId) {
        CommitBatch.writes(schedule).deleteOne(eq("_id", scope.groupID() + ":" + itemId));
    }

    record Entry(String id, TenantScope scope, String itemId, String collectionId, Instant publishAt) {}

    List<Entry> due(Instant now, int limit) {
        List<Entry> entries = new ArrayList<>();
        for (Document document : schedule.find(lte("publishAt", Date.from(now)))
                .sort(Sorts.ascending("publishAt"))
                .limit(limit)) {
            entries.add(new Entry(
                    document.getString("_id"),
                    new TenantScope(document.getString("groupID"), document.getString("dbKey")),
                    document.getString("itemId"),
                    document.getString("collectionId"),
                    document.getDate("publishAt").toInstant()));
        }
        return entries;
    }

    /** Removes an entry only if nobody rescheduled it meanwhile. */
    void done(Entry entry) {
        schedule.deleteOne(and(eq("_id", entry.id()), eq("publishAt", Date.from(entry.publishAt()))));
    }
}
