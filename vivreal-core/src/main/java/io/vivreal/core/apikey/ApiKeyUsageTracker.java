package io.vivreal.core.apikey;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers when each group's key was last used, in memory, and writes those times to the store
 * in the background. A request costs a map write, never a database write; at worst a crash loses
 * one flush interval of {@code lastUsedAt} precision.
 */
public final class ApiKeyUsageTracker {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyUsageTracker.class);

    /** Persists one remembered use; implemented over the groups collection. */
    public interface UsageSink {
        void recordKeyUse(String groupId, String keyHash, Instant lastUsedAt);
    }

    private record Use(String keyHash, Instant at) {}

    private final Map<String, Use> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final UsageSink sink;

    public ApiKeyUsageTracker(Clock clock, UsageSink sink) {
        this.clock = clock;
        this.sink = sink;
    }

    public void recordUse(String groupId, String keyHash) {
        pending.put(groupId, new Use(keyHash, clock.instant()));
    }

    /** A use seen by this instance and not yet written, if any. */
    public Optional<Instant> pendingUse(String groupId) {
        return Optional.ofNullable(pending.get(groupId)).map(Use::at);
    }

    /** Writes every remembered use; a failed write is kept for the next flush. */
    public void flush() {
        for (Map.Entry<String, Use> entry : pending.entrySet()) {
            Use use = entry.getValue();
            try {
                sink.recordKeyUse(entry.getKey(), use.keyHash(), use.at());
                pending.remove(entry.getKey(), use);
            } catch (RuntimeException e) {
                log.warn(
                        "could not record key use for group {}: {}",
                        entry.getKey(),
                        e.getClass().getSimpleName());
            }
        }
    }
}
