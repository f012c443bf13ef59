package io.vivreal.core.store;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * One durable wait for all the store writes of one request, on the embedded store only.
 *
 * <p>An item write is about seven store writes (usage, item, version, outbox event, schedule,
 * audit). On the embedded store each waited for a commit of its own, and every commit rewrites
 * the changed pages of every map it touches, so most of an item write's CPU and most of the file
 * growth were commits. Inside {@link #run}, writes made through {@link #writes} on the calling
 * thread carry the write concern {@code {w: 1, j: false}}, which only the embedded store's {@code
 * DurableH2Backend} honours, by answering once the change is applied instead of after its commit;
 * when the work returns, one {@value #FLUSH_COMMAND} command waits for a commit that began after
 * it, which holds every change made before (a commit takes a snapshot of every map). The caller's
 * answer comes after that, so acknowledged still means in the file. If the work throws, no flush
 * is waited for: the caller answers with an error, and the changes made so far are committed by
 * the next commit, exactly as a request failing half-way left them before.
 *
 * <p>On an external MongoDB {@link #run} only runs the work: no write concern is changed and no
 * command is added, so nothing there is weaker. Writes on other threads (listeners run
 * asynchronously, workers) never see the batch and wait for their own commits as before; a
 * commit they wait for also covers this batch's earlier changes.
 */
public final class CommitBatch {

    /** The command the embedded store answers once a commit that began after it has finished. */
    public static final String FLUSH_COMMAND = "vivrealFlush";

    static final WriteConcern DEFERRED = WriteConcern.W1.withJournal(false);

    private static final ThreadLocal<Boolean> OPEN = new ThreadLocal<>();

    private final MongoDatabase admin;

    /** @param admin the embedded store's {@code admin} database, or null on an external MongoDB */
    CommitBatch(MongoDatabase admin) {
        this.admin = admin;
    }

    /** A batch that never defers: for an external MongoDB and for code run outside the server. */
    public static CommitBatch none() {
        return new CommitBatch(null);
    }

    /**
     * Runs {@code work}, then, on the embedded store, waits once for a commit covering every
     * write it made. Nested calls join the outermost one, which flushes.
     */
    public <T> T run(Supplier<T> work) {
        if (admin == null || OPEN.get() != null) {
            return work.get();
        }
        OPEN.set(Boolean.TRUE);
        T result;
        try {
            result = work.get();
        } finally {
            OPEN.remove();
        }
        flush();
        return result;
    }

    public void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    /** Waits for a commit that holds every change applied so far; a no-op on an external MongoDB. */
    public void flush() {
        if (admin != null) {
            admin.runCommand(new Document(FLUSH_COMMAND, 1));
        }
    }

    /**
     * The collection to write through: inside a batch on this thread, one whose writes do not
     * wait for their commit; otherwise {@code collection} itself.
     */
    public static MongoCollection<Document> writes(MongoCollection<Document> collection) {
        return OPEN.get() == null ? collection : collection.withWriteConcern(DEFERRED);
    }

    /** Whether this thread is inside a batch (for the tests). */
    static boolean open() {
        return OPEN.get() != null;
    }
}
