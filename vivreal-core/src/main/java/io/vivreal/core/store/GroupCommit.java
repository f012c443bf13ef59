package io.vivreal.core.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;

/**
 * Lets concurrent writers share one MVStore commit, so that every acknowledged write is in the
 * file without each paying for a commit of its own.
 *
 * <p>A writer applies its change, then calls {@link #awaitCommit()}, which returns only once a
 * commit that <em>began after the call</em> has finished: MVStore commits a snapshot of every map
 * taken when the commit starts, so such a commit holds the writer's change. The first writer to
 * arrive while no commit runs becomes the leader and commits everything pending; writers arriving
 * meanwhile wait, and the next leader's single commit covers all of them. One commit runs at a
 * time, as MVStore allows anyway. If a commit fails, no waiter it would have covered is released:
 * the next one tries again and fails the same way, so the failure reaches every writer as an
 * error, never as an acknowledgement.
 */
final class GroupCommit {

    private final MVStore store;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    /** Tickets handed out: one per waiting writer. */
    private long requested;
    /** Every ticket up to this one is covered by a finished commit. */
    private long covered;

    private boolean committing;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    GroupCommit(MVStore store) {
        this.store = store;
    }

    /** Returns once a commit that began after this call has written every change made before it. */
    void awaitCommit() {
        writes.incrementAndGet();
        lock.lock();
        try {
            long ticket = ++requested;
            while (covered < ticket) {
                if (committing) {
                    finished.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Commits for every ticket handed out so far; called and returns holding {@link #lock}. */
    private void lead() {
        committing = true;
        long upTo = requested;
        boolean done = false;
        lock.unlock();
        try {
            store.commit();
            commits.incrementAndGet();
            done = true;
        } finally {
            lock.lock();
            committing = false;
            if (done) {
                covered = upTo;
            }
            finished.signalAll();
        }
    }

    /** How many commits {@link #awaitCommit()} ran, for the store's statistics and the tests. */
    long commits() {
        return commits.get();
    }

    /** How many writers waited for a commit. */
    long writes() {
        return writes.get();
    }
}
