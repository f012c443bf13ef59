package io.vivreal.distribution.newsletter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One rate for every newsletter mail this instance sends, handed out to groups in turn: while two
 * groups wait, they alternate, so a group mailing 10,000 subscribers slows another group's
 * newsletter to half the rate, never to "after mine". Waiters are the delivery workers, so the
 * queue is bounded by their number. Slots do not accumulate while idle (no bursts).
 */
final class FairPacer {

    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Groups with a waiter, in the order they get the next slots. */
    private final ArrayDeque<String> turn = new ArrayDeque<>();

    private final Map<String, Integer> waiting = new HashMap<>();
    private long nextSlot = System.nanoTime();

    FairPacer(double perSecond) {
        if (!(perSecond > 0) || perSecond > 10_000) {
            throw new IllegalArgumentException(
                    "VIVREAL_NEWSLETTER_RATE must be between 0 and 10000 messages per second");
        }
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** Waits for this group's next slot. */
    void acquire(String groupId) throws InterruptedException {
        lock.lock();
        try {
            waiting.merge(groupId, 1, Integer::sum);
            if (!turn.contains(groupId)) {
                turn.addLast(groupId);
            }
            try {
                while (true) {
                    long now = System.nanoTime();
                    boolean first = groupId.equals(turn.peekFirst());
                    if (first && now - nextSlot >= 0) {
                        nextSlot = Math.max(nextSlot, now) + intervalNanos;
                        turn.pollFirst();
                        if (leave(groupId)) {
                            turn.addLast(groupId);
                        }
                        changed.signalAll();
                        return;
                    }
                    changed.awaitNanos(first ? nextSlot - now : TimeUnit.SECONDS.toNanos(1));
                }
            } catch (InterruptedException e) {
                if (!leave(groupId)) {
                    turn.remove(groupId);
                }
                changed.signalAll();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** One waiter of the group is done waiting; answers whether others of it still wait. */
    private boolean leave(String groupId) {
        int left = waiting.merge(groupId, -1, Integer::sum);
        if (left <= 0) {
            waiting.remove(groupId);
            return false;
        }
        return true;
    }
}
