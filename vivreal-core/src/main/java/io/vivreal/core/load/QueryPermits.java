package io.vivreal.core.load;

import io.vivreal.core.ratelimit.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the heavy reads (item listings) that run at once: at most {@code total} in the process
 * and at most {@code perGroup} for any one group. A listing holds its decoded page — and, on the
 * embedded store, every item of its content type while the store sorts — so the number running
 * at once is what bounds the heap, not the number of requests.
 *
 * <p>The per-group limit is what makes it fair: a group that sends many listings at once waits
 * for its own slot and never holds more than its share of the total, so another group's listing
 * always finds a free one. A request that cannot get its slots within {@code maxWait} is refused
 * with 429 and {@code Retry-After} rather than queueing without bound.
 */
public final class QueryPermits {

    private final Semaphore total;
    private final int perGroup;
    private final Duration maxWait;
    private final ConcurrentHashMap<String, GroupSlots> groups = new ConcurrentHashMap<>();

    public QueryPermits(int total, int perGroup, Duration maxWait) {
        if (total < 1 || perGroup < 1 || perGroup > total) {
            throw new IllegalArgumentException("need 1 <= perGroup <= total, got " + perGroup + " of " + total);
        }
        this.total = new Semaphore(total, true);
        this.perGroup = perGroup;
        this.maxWait = maxWait;
    }

    /** Runs {@code work} holding one of the group's slots and one of the process's. */
    public <T> T run(String groupId, Supplier<T> work) {
        GroupSlots slots = groups.compute(groupId, (id, current) -> {
            GroupSlots held = current == null ? new GroupSlots(perGroup) : current;
            held.users++;
            return held;
        });
        try {
            long deadline = System.nanoTime() + maxWait.toNanos();
            if (!acquire(slots.permits, deadline)) {
                throw busy();
            }
            try {
                if (!acquire(total, deadline)) {
                    throw busy();
                }
                try {
                    return work.get();
                } finally {
                    total.release();
                }
            } finally {
                slots.permits.release();
            }
        } finally {
            groups.computeIfPresent(groupId, (id, held) -> --held.users == 0 ? null : held);
        }
    }

    /** Groups that have a listing running or waiting; for tests and metrics. */
    int activeGroups() {
        return groups.size();
    }

    private static boolean acquire(Semaphore semaphore, long deadline) {
        try {
            return semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RateLimitedException busy() {
        return new RateLimitedException(
                "too many listings of this group are running at once; retry shortly", Duration.ofSeconds(1));
    }

    private static final class GroupSlots {
        final Semaphore permits;
        int users;

        GroupSlots(int perGroup) {
            this.permits = new Semaphore(perGroup, true);
        }
    }
}
