package io.vivreal.clientapi.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vivreal.clientapi.web.ClientApiResponses.Rendered;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The Client API's read model: rendered answers (bytes + ETag) by group, route and query, so a
 * warm request costs a map lookup instead of queries and serialisation.
 *
 * <p>A content write on this instance evicts the group's answers at once ({@link #evictGroup});
 * entries expire after at most one second, which bounds how long another instance's write, or an
 * item reaching its {@code publishDate}, can go unseen. An answer in use is re-rendered in the
 * background after half its lifetime, so requests never queue behind a store query; a re-render
 * that started before an eviction is discarded, so it cannot bring back what a write replaced.
 *
 * <p>The cache is bounded by the bytes it holds, not by its number of entries: answers differ in
 * size by orders of magnitude, and a count bound let a few large pages fill the heap. An answer
 * is compressed ({@code gzip}, {@code br}) before it is cached, and those bytes count too.
 */
public final class ReadModel {

    record Key(String groupID, String route, String query) {}

    private record Entry(Rendered rendered, long renderedAt) {}

    private final Cache<Key, Entry> rendered;
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();
    private final long refreshAfterNanos;
    private final Ticker ticker;
    private final Executor refreshes;

    public ReadModel(Duration ttl, long maximumBytes, Ticker ticker, Executor refreshes) {
        if (ttl.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("the read model may keep answers for at most one second");
        }
        this.rendered = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumWeight(maximumBytes)
                .weigher((Key key, Entry entry) -> weight(key, entry))
                .ticker(ticker)
                .recordStats()
                .build();
        this.refreshAfterNanos = ttl.toNanos() / 2;
        this.ticker = ticker;
        this.refreshes = refreshes;
    }

    /** Hits and misses of rendered answers, for metrics. */
    public com.github.benmanes.caffeine.cache.stats.CacheStats stats() {
        return rendered.stats();
    }

    public Rendered get(String groupID, String route, Map<String, String[]> parameters, Supplier<Rendered> render) {
        Key key = new Key(groupID, route, canonical(parameters));
        Entry entry = rendered.getIfPresent(key);
        if (entry == null) {
            long generation = generation(groupID).get();
            entry = rendered.get(key, k -> new Entry(render.get().encodeAll(), ticker.read()));
            if (generation != generation(groupID).get()) {
                rendered.invalidate(key);
            }
            return entry.rendered();
        }
        return used(key, entry, render);
    }

    /**
     * The cached answer, or {@code null} without rendering anything when there is none: the lean
     * path serves hits this way and leaves misses to the controllers. A hit refreshes like {@link #get}.
     */
    public Rendered peek(String groupID, String route, Map<String, String[]> parameters, Supplier<Rendered> render) {
        Key key = new Key(groupID, route, canonical(parameters));
        Entry entry = rendered.getIfPresent(key);
        return entry == null ? null : used(key, entry, render);
    }

    private Rendered used(Key key, Entry entry, Supplier<Rendered> render) {
        if (ticker.read() - entry.renderedAt() > refreshAfterNanos && refreshing.add(key)) {
            refreshes.execute(() -> refresh(key, entry.rendered(), render));
        }
        return entry.rendered();
    }

    /**
     * Renders again in the background. When the bytes did not change (the usual case) the cached
     * answer, with its compressed forms, stays: compression is paid once per change, not per refresh.
     */
    private void refresh(Key key, Rendered previous, Supplier<Rendered> render) {
        try {
            long generation = generation(key.groupID()).get();
            Rendered again = render.get();
            Rendered kept = again.etag().equals(previous.etag()) ? previous : again.encodeAll();
            Entry fresh = new Entry(kept, ticker.read());
            rendered.asMap()
                    .computeIfPresent(
                            key,
                            (k, old) -> generation == generation(k.groupID()).get() ? fresh : null);
        } catch (RuntimeException e) {
            rendered.invalidate(key);
        } finally {
            refreshing.remove(key);
        }
    }

    public void evictGroup(String groupID) {
        generation(groupID).incrementAndGet();
        rendered.asMap().keySet().removeIf(key -> key.groupID().equals(groupID));
    }

    /** The bytes the cached answers take now, after pending evictions; for tests and metrics. */
    long weightedBytes() {
        rendered.cleanUp();
        return rendered.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** An entry's bytes: the body and its compressed forms, plus what the key and ETag take. */
    static int weight(Key key, Entry entry) {
        long bytes = entry.rendered().heldBytes()
                + 2L
                        * (key.groupID().length()
                                + key.route().length()
                                + key.query().length())
                + 2L * entry.rendered().etag().length()
                + 128;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private AtomicLong generation(String groupID) {
        return generations.computeIfAbsent(groupID, g -> new AtomicLong());
    }

    /**
     * Parameters in a fixed order (by name, as a {@code TreeMap} would), so equivalent queries share
     * an entry. The names are sorted in a small array rather than copied into a {@code TreeMap}:
     * this runs on every Client API read (docs/BENCHMARKS.md, issue 13 item 1, second round).
     */
    static String canonical(Map<String, String[]> parameters) {
        int count = parameters.size();
        if (count == 0) {
            return "";
        }
        String[] names = parameters.keySet().toArray(new String[count]);
        if (count > 1) {
            Arrays.sort(names);
        }
        StringBuilder canonical = new StringBuilder(64);
        for (String name : names) {
            for (String value : parameters.get(name)) {
                canonical
                        .append(name.length())
                        .append(':')
                        .append(name)
                        .append('=')
                        .append(value.length())
                        .append(':')
                        .append(value)
                        .append('&');
            }
        }
        return canonical.toString();
    }
}
