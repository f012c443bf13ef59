package io.vivreal.distribution.feeds;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Rendered feeds by feed id and format, bounded by their total bytes (least recently used out
 * first) and by age. A hit costs no I/O at all, which is what keeps a flood of requests for one
 * feed cheap. Instead of a content version in the key (which would cost a read per request to
 * learn), entries are evicted: a content write on this instance evicts its group's feeds at once
 * ({@code ContentChangedEvent}), a settings change the feed's; on other instances, and when a
 * scheduled item's publish date passes, an entry lives at most {@code ttl} — the staleness a feed
 * reader can see is that plus the {@code max-age} of the answer.
 */
public final class FeedCache {

    record Key(String feedId, FeedFormat format) {}

    private record Entry(RenderedFeed feed, long expiresAtNanos) {}

    private final long maxBytes;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public FeedCache(long maxBytes, java.time.Duration ttl, LongSupplier nanoTime) {
        this.maxBytes = maxBytes;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    synchronized RenderedFeed get(Key key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (nanoTime.getAsLong() - entry.expiresAtNanos >= 0) {
            remove(key);
            return null;
        }
        return entry.feed();
    }

    synchronized void put(Key key, RenderedFeed feed) {
        long size = feed.body().length;
        if (size > maxBytes / 4) {
            return; // one feed never takes most of the cache
        }
        remove(key);
        entries.put(key, new Entry(feed, nanoTime.getAsLong() + ttlNanos));
        bytes += size;
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().feed().body().length;
            eldest.remove();
        }
    }

    public synchronized void evictGroup(String groupID) {
        entries.entrySet().removeIf(entry -> {
            boolean match = entry.getValue().feed().groupID().equals(groupID);
            if (match) {
                bytes -= entry.getValue().feed().body().length;
            }
            return match;
        });
    }

    public synchronized void evictFeed(String feedId) {
        entries.entrySet().removeIf(entry -> {
            boolean match = entry.getKey().feedId().equals(feedId);
            if (match) {
                bytes -= entry.getValue().feed().body().length;
            }
            return match;
        });
    }

    synchronized long bytes() {
        return bytes;
    }

    private void remove(Key key) {
        Entry old = entries.remove(key);
        if (old != null) {
            bytes -= old.feed().body().length;
        }
    }
}
