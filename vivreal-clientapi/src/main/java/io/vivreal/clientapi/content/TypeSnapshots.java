package io.vivreal.clientapi.content;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vivreal.content.ContentChanges;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Every unarchived item of a content type, held in memory, so Client API pages are filtered,
 * sorted and cut without scanning the store (the embedded store has no secondary indexes). A
 * snapshot holds scheduled items too — the publish gate is applied per request against the clock —
 * so going live needs no reload. It is checked against the group's content revision in the store
 * at most every {@code recheck} and rebuilt when that changed, so a write on any instance is seen
 * within {@code recheck}; types larger than {@code maxItems} are not held and are queried as usual.
 */
public final class TypeSnapshots {

    record Key(String groupID, String typeId) {}

    private record Snapshot(List<Document> items, long revision, long checkedAt) {}

    private final ItemRepository items;
    private final ContentChanges changes;
    private final Cache<Key, Snapshot> snapshots;
    private final Ticker ticker;
    private final long recheckNanos;
    private final int maxItems;

    public TypeSnapshots(
            ItemRepository items,
            ContentChanges changes,
            Ticker ticker,
            Duration recheck,
            long maxTotalItems,
            int maxItems) {
        this.items = items;
        this.changes = changes;
        this.ticker = ticker;
        this.recheckNanos = recheck.toNanos();
        this.maxItems = maxItems;
        this.snapshots = Caffeine.newBuilder()
                .maximumWeight(maxTotalItems)
                .weigher((Key key, Snapshot snapshot) -> snapshot.items() == null
                        ? 1
                        : Math.max(1, snapshot.items().size()))
                .expireAfterAccess(Duration.ofMinutes(10))
                .ticker(ticker)
                .build();
    }

    /** The type's unarchived items, or empty when the type is too large to hold. */
    public Optional<List<Document>> items(TenantScope scope, String typeId) {
        Key key = new Key(scope.groupID(), typeId);
        long now = ticker.read();
        Snapshot snapshot = snapshots.getIfPresent(key);
        if (snapshot != null && now - snapshot.checkedAt() <= recheckNanos) {
            return Optional.ofNullable(snapshot.items());
        }
        long revision = changes.revision(scope.groupID());
        if (snapshot != null && snapshot.revision() == revision) {
            snapshots.put(key, new Snapshot(snapshot.items(), revision, now));
            return Optional.ofNullable(snapshot.items());
        }
        Snapshot fresh = snapshots
                .asMap()
                .compute(
                        key,
                        (k, old) -> old != null && old.revision() == revision
                                ? new Snapshot(old.items(), revision, now)
                                : load(scope, typeId, revision, now));
        return Optional.ofNullable(fresh.items());
    }

    private Snapshot load(TenantScope scope, String typeId, long revision, long now) {
        List<Document> loaded = new ArrayList<>();
        for (Document item : items.find(scope, and(eq("collectionId", typeId), ne("archived", true)))
                .limit(maxItems + 1)) {
            loaded.add(item);
        }
        return new Snapshot(loaded.size() > maxItems ? null : List.copyOf(loaded), revision, now);
    }

    public void evictGroup(String groupID) {
        snapshots.asMap().keySet().removeIf(key -> key.groupID().equals(groupID));
    }
}
