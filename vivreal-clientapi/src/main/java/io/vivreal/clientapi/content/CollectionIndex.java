package io.vivreal.clientapi.content;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.types.ContentType;
import io.vivreal.core.load.QueryPermits;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * In-memory indexes of content types, one per (group, type), so a filtered, sorted page of a large
 * type costs a pass over a compact array instead of a store scan ({@link TypeIndex}; ADR 0029).
 *
 * <p><b>Built lazily</b> on a type's first listing, by one builder per type (others wait for it),
 * and at most {@code maxConcurrentBuilds} builds at a time across all groups: a listing that finds
 * no build slot runs the store query instead of queueing.
 *
 * <p><b>Kept current.</b> A content write on this instance bumps its group's generation
 * ({@link #contentChanged}); the next listing of a type of that group first reads what changed from
 * the store. Without a local write a type is re-checked at most every {@code checkInterval}, which
 * is how other instances' writes arrive: the items with {@code updatedAt} at or after the index's
 * high-water mark (less a window for clock skew and late commits) are read again, and the type's
 * item count is compared with the index's — a deletion makes them differ, and the index is built
 * again. Where the store keeps a write stamp per collection (the embedded store does, {@code
 * TenantStore.writeStamp}), a check whose stamp equals the one taken before the index was last read
 * ends there: nothing was written, by any instance, and the two scans (mongo-java-server has no
 * secondary indexes) are not needed. A change of the type's fields (which can unset values without
 * touching {@code updatedAt}) rebuilds it, and so does age: an index is read in full again once it
 * is {@code maxAge} old. The periodic check and the rebuild by age run on the index's own thread,
 * never inside a request: a listing that finds them due answers from the index as it is and starts
 * them, so another instance's write shows within {@code checkInterval} plus one check (a local
 * write is still read before answering).
 * Visibility ({@code publishDate <= now}) is evaluated per query, so scheduled items appear on time.
 *
 * <p><b>Bounded by bytes.</b> The indexes of all groups share {@code maxBytes} (Caffeine's weight
 * bound, evicting the least valuable first), and one group may hold at most {@code maxGroupBytes}:
 * a group's huge type evicts that group's other indexes, never another group's, and a type larger
 * than the share is not indexed at all. An evicted or refused type is answered by the store query.
 */
public final class CollectionIndex {

    /** How far before the high-water mark a check looks again: clock skew between instances, late commits. */
    static final Duration SKEW_WINDOW = Duration.ofSeconds(60);

    record Key(String groupID, String typeId) {}

    private final ItemRepository items;
    private final QueryPermits permits;
    private final Ticker ticker;
    private final long maxGroupBytes;
    private final long checkIntervalNanos;
    private final long maxAgeNanos;
    private final Cache<Key, TypeIndex> indexes;
    private final Map<Key, CompletableFuture<TypeIndex>> running = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final Semaphore builds;
    private final AtomicLong builtCount = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong confirmations = new AtomicLong();
    private final ThreadPoolExecutor checks =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), runnable -> {
                Thread thread = new Thread(runnable, "vivreal-index-check");
                thread.setDaemon(true);
                return thread;
            });

    public CollectionIndex(
            ItemRepository items,
            QueryPermits permits,
            long maxBytes,
            long maxGroupBytes,
            int maxConcurrentBuilds,
            Duration checkInterval,
            Duration maxAge,
            Ticker ticker) {
        this.items = items;
        this.permits = permits;
        this.ticker = ticker;
        this.maxGroupBytes = Math.min(maxBytes, maxGroupBytes);
        this.checkIntervalNanos = checkInterval.toNanos();
        this.maxAgeNanos = maxAge.toNanos();
        this.builds = new Semaphore(Math.max(1, maxConcurrentBuilds));
        this.indexes = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, TypeIndex index) -> (int) Math.min(Integer.MAX_VALUE, index.weight()))
                .expireAfterAccess(Duration.ofMinutes(10))
                .ticker(ticker)
                .build();
    }

    /** A content write on this instance: the group's indexes read the store again before answering. */
    public void contentChanged(String groupID) {
        generation(groupID).incrementAndGet();
    }

    /**
     * The current index of {@code type}, brought up to date first if needed; null when the type is
     * not indexed (too large for its group's share, no build slot free, or the store failed half
     * way) and the store query must answer.
     */
    TypeIndex current(TenantScope scope, ContentType type) {
        Key key = new Key(scope.groupID(), type.id());
        for (int attempt = 0; attempt < 3; attempt++) {
            long generation = generation(scope.groupID()).get();
            TypeIndex index = indexes.getIfPresent(key);
            if (index != null && fresh(index, generation, type)) {
                return index;
            }
            if (index != null && onlyCheckDue(index, generation, type)) {
                checkInBackground(scope, type, key, index, generation);
                return index;
            }
            CompletableFuture<TypeIndex> mine = new CompletableFuture<>();
            CompletableFuture<TypeIndex> other = running.putIfAbsent(key, mine);
            if (other != null) {
                TypeIndex theirs = other.join();
                if (theirs == null) {
                    return null;
                }
                if (theirs.generation() >= generation && theirs.fields().equals(type.fields())) {
                    return theirs;
                }
                continue; // it started before the write this caller must see
            }
            try {
                TypeIndex updated = update(scope, type, key, index, generation);
                mine.complete(updated);
                return updated;
            } catch (RuntimeException | Error e) {
                mine.complete(null);
                throw e;
            } finally {
                running.remove(key, mine);
            }
        }
        return null;
    }

    /**
     * Current except that the periodic check for other instances' writes, or the rebuild by age, is
     * due: the listing is answered from the index as it is, and the check runs on the index's own
     * thread.
     */
    private boolean onlyCheckDue(TypeIndex index, long generation, ContentType type) {
        return index.generation() == generation && index.fields().equals(type.fields());
    }

    /**
     * The periodic check off the request path, one per type at a time; when the queue is full the
     * check is dropped and the next listing asks again.
     */
    private void checkInBackground(TenantScope scope, ContentType type, Key key, TypeIndex index, long generation) {
        CompletableFuture<TypeIndex> mine = new CompletableFuture<>();
        if (running.putIfAbsent(key, mine) != null) {
            return;
        }
        try {
            checks.execute(() -> {
                try {
                    mine.complete(update(scope, type, key, index, generation));
                } catch (RuntimeException | Error e) {
                    indexes.invalidate(key);
                    mine.complete(null);
                } finally {
                    running.remove(key, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(key, mine);
            mine.complete(index);
        }
    }

    private boolean fresh(TypeIndex index, long generation, ContentType type) {
        long now = ticker.read();
        return index.generation() == generation
                && now - index.checkedAt() < checkIntervalNanos
                && now - index.builtAt() < maxAgeNanos
                && index.fields().equals(type.fields());
    }

    private TypeIndex update(TenantScope scope, ContentType type, Key key, TypeIndex index, long generation) {
        long stamp = items.writeStamp(scope).orElse(TypeIndex.NO_STAMP);
        if (index != null && index.fields().equals(type.fields()) && ticker.read() - index.builtAt() < maxAgeNanos) {
            if (stamp != TypeIndex.NO_STAMP && stamp == index.stamp()) {
                TypeIndex confirmed = index.confirmed(generation, ticker.read());
                confirmations.incrementAndGet();
                store(key, confirmed);
                return confirmed;
            }
            TypeIndex synced = sync(scope, type, index, generation, stamp);
            if (synced != null) {
                store(key, synced);
                return synced;
            }
        }
        if (!builds.tryAcquire()) {
            return null;
        }
        try {
            TypeIndex built = build(scope, type, generation, stamp);
            if (built == null) {
                indexes.invalidate(key);
                refused.incrementAndGet();
                return null;
            }
            builtCount.incrementAndGet();
            store(key, built);
            return built;
        } finally {
            builds.release();
        }
    }

    /** Reads every item of the type; null as soon as it outgrows the group's share. */
    private TypeIndex build(TenantScope scope, ContentType type, long generation, long stamp) {
        long started = ticker.read();
        return permits.run(scope.groupID(), () -> {
            Map<String, String> names = new HashMap<>();
            List<IndexedItem> all = new ArrayList<>();
            long weight = 256;
            long mark = 0;
            for (Document document :
                    collection(scope).find(eq("collectionId", type.id())).batchSize(256)) {
                IndexedItem item = ContentReader.indexed(document, names);
                weight += item.weight();
                if (weight > maxGroupBytes) {
                    return null;
                }
                all.add(item);
                mark = Math.max(mark, item.updatedAt());
            }
            return snapshot(all, generation, started, started, mark, type, weight, stamp);
        });
    }

    /**
     * Reads the items changed since the mark and the type's count; null when only a full build can
     * tell (items were deleted, or so many changed that a build is as cheap).
     */
    private TypeIndex sync(TenantScope scope, ContentType type, TypeIndex index, long generation, long stamp) {
        long started = ticker.read();
        syncs.incrementAndGet();
        return permits.run(scope.groupID(), () -> {
            TenantCollection collection = collection(scope);
            Map<ObjectId, IndexedItem> changed = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            long mark = index.mark();
            Date since = new Date(index.mark() - SKEW_WINDOW.toMillis());
            for (Document document : collection
                    .find(and(eq("collectionId", type.id()), gte("updatedAt", since)))
                    .batchSize(256)) {
                IndexedItem item = ContentReader.indexed(document, names);
                changed.put(item.id(), item);
                mark = Math.max(mark, item.updatedAt());
                if (changed.size() > 64 + index.size() / 4) {
                    return null;
                }
            }
            long count = collection.count(eq("collectionId", type.id()));
            List<IndexedItem> all = new ArrayList<>(index.size() + changed.size());
            long weight = 256;
            for (IndexedItem item : index.items()) {
                IndexedItem replacement = changed.remove(item.id());
                IndexedItem kept = replacement == null || replacement.version() < item.version() ? item : replacement;
                all.add(kept);
                weight += kept.weight();
            }
            for (IndexedItem added : changed.values()) {
                all.add(added);
                weight += added.weight();
            }
            if (all.size() != count || weight > maxGroupBytes) {
                return null;
            }
            return snapshot(all, generation, started, index.builtAt(), mark, type, weight, stamp);
        });
    }

    private static TypeIndex snapshot(
            List<IndexedItem> all,
            long generation,
            long checkedAt,
            long builtAt,
            long mark,
            ContentType type,
            long weight,
            long stamp) {
        Set<String> complex = new HashSet<>();
        for (IndexedItem item : all) {
            for (int i = 0; i < item.names().length; i++) {
                if (item.values()[i] == IndexedItem.COMPLEX) {
                    complex.add(item.names()[i]);
                }
            }
        }
        return new TypeIndex(
                all.toArray(IndexedItem[]::new),
                Set.copyOf(complex),
                generation,
                checkedAt,
                builtAt,
                mark,
                List.copyOf(type.fields()),
                weight,
                stamp,
                new ConcurrentHashMap<>());
    }

    /**
     * Puts an index in, first making room within its group's share by dropping that group's other
     * indexes, largest first, so the shared bound never has to take it from another group.
     */
    private synchronized void store(Key key, TypeIndex index) {
        List<Map.Entry<Key, TypeIndex>> others = new ArrayList<>();
        long groupBytes = index.weight();
        for (Map.Entry<Key, TypeIndex> entry : indexes.asMap().entrySet()) {
            if (entry.getKey().groupID().equals(key.groupID())
                    && !entry.getKey().equals(key)) {
                others.add(entry);
                groupBytes += entry.getValue().weight();
            }
        }
        others.sort(Comparator.comparingLong(
                        (Map.Entry<Key, TypeIndex> e) -> e.getValue().weight())
                .reversed());
        for (Map.Entry<Key, TypeIndex> other : others) {
            if (groupBytes <= maxGroupBytes) {
                break;
            }
            indexes.invalidate(other.getKey());
            groupBytes -= other.getValue().weight();
        }
        indexes.put(key, index);
    }

    private TenantCollection collection(TenantScope scope) {
        return items.items(scope);
    }

    private AtomicLong generation(String groupID) {
        return generations.computeIfAbsent(groupID, g -> new AtomicLong());
    }

    void answered() {
        answers.incrementAndGet();
    }

    /** Listings answered from an index so far; for tests and metrics. */
    public long answers() {
        return answers.get();
    }

    /** Whether the type's index is in memory now; for tests and metrics. */
    public boolean holds(String groupID, String typeId) {
        return indexes.getIfPresent(new Key(groupID, typeId)) != null;
    }

    /** The bytes all indexes take now, after pending evictions; for tests and metrics. */
    public long weightedBytes() {
        indexes.cleanUp();
        return indexes.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** Full builds done so far; for tests and metrics. */
    public long builds() {
        return builtCount.get();
    }

    /** Checks that read the items changed since the last one (two store queries); for tests and metrics. */
    public long syncs() {
        return syncs.get();
    }

    /** Checks that the store's write stamp answered alone: nothing written, nothing read; for tests and metrics. */
    public long confirmations() {
        return confirmations.get();
    }

    /** Types refused for outgrowing their group's share; for tests and metrics. */
    public long refusals() {
        return refused.get();
    }
}
