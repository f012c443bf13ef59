package io.vivreal.core.apikey;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers when each of a group's keys (the current one and, during a roll's overlap, the
 * previous one) was last used, in memory, and writes those times to the store
 * in the background. A request costs a map write, never a database write; at worst a crash loses
 * one flush interval of {@code lastUsedAt} precision.
 */
public final class ApiKeyUsageTracker {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyUsageTracker.class);

    /** Persists one remembered use; implemented over the groups collection. */
    public interface UsageSink {
        void recordKeyUse(String groupId, String keyHash, Instant lastUsedAt);
    }

    private record Key(String groupId, String keyHash) {}

    private final Map<Key, Instant> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final UsageSink sink;

    public ApiKeyUsageTracker(Clock clock, UsageSink sink) {
        this.clock = clock;
        this.sink = sink;
    }

    public void recordUse(String groupId, String keyHash) {
        pending.put(new Key(groupId, keyHash), clock.instant());
    }

    /** The latest use of any of the group's keys seen by this instance and not yet written, if any. */
    public Optional<Instant> pendingUse(String groupId) {
        return pending.entrySet().stream()
                .filter(entry -> entry.getKey().groupId().equals(groupId))
                .map(Map.Entry::getValue)
                .max(Instant::compareTo);
    }

    /** A use of this key seen by this instance and not yet written, if any. */
    public Optional<Instant> pendingUse(String groupId, String keyHash) {
        return Optional.ofNullable(pending.get(new Key(groupId, keyHash)));
    }

    /** Writes every remembered use; a failed write is kept for the next flush. */
    public void flush() {
        for (Map.Entry<Key, Instant> entry : pending.entrySet()) {
            Key key = entry.getKey();
            Instant at = entry.getValue();
            try {
                sink.recordKeyUse(key.groupId(), key.keyHash(), at);
                pending.remove(key, at);
            } catch (RuntimeException e) {
                log.warn(
                        "could not record key use for group {}: {}",
                        key.groupId(),
                        e.getClass().getSimpleName());
            }
        }
    }
}
