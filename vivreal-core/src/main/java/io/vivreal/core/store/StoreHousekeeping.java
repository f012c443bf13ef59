package io.vivreal.core.store;

import java.util.concurrent.TimeUnit;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the embedded store's MVStore file is opened and kept small.
 *
 * <p>Out of the box MVStore keeps every chunk it wrote for 45 seconds after it went out of use
 * (the retention time) and compacts only from its background thread, which gives way to any
 * running commit. With every write committed that let 10,000 small items leave a file of nearly a
 * gigabyte. Here the background thread is off (commits come from {@link GroupCommit}) and space is
 * reused once a chunk has been dead for {@value #VERSIONS_TO_KEEP} commits and {@value
 * #RETENTION_MILLIS} ms: the chunks a running command reads are kept for as long as it runs,
 * because {@link DurableH2Backend} registers the version each command reads. {@link #run()},
 * called every few seconds, rewrites sparse chunks, moves chunks towards the start of the file and
 * truncates it, each run bounded by about {@value #BUDGET_MILLIS} ms of work. It also commits
 * changes no writer waited for (a database created by a read) and syncs the file to disk, so that
 * a power loss finds a recent consistent version.
 */
final class StoreHousekeeping implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StoreHousekeeping.class);

    static final int RETENTION_MILLIS = 1_000;
    static final int VERSIONS_TO_KEEP = 2;
    /** A map of its own, so a rewrite's chunks can be freed without waiting for writers' commits. */
    private static final String MARKS = "vivreal-housekeeping";
    /** Below this size a file is left as it is: compaction would cost more than it saves. */
    static final long MIN_COMPACT_BYTES = 4L << 20;
    /** Compact when less than this share of the file (or of its chunks) holds live data. */
    static final int TARGET_FILL_PERCENT = 60;

    static final int BUDGET_MILLIS = 200;
    /** Bytes rewritten or moved per step; a step holds the store's lock, so writers wait for it. */
    private static final int STEP_BYTES = 2 << 20;
    /** Bytes of chunks moved towards the start of the file per step, so its end can be cut off. */
    private static final int MOVE_BYTES = 16 << 20;

    private final MVStore store;
    private final MVMap<String, Long> marks;

    StoreHousekeeping(MVStore store) {
        this.store = store;
        this.marks = store.openMap(MARKS);
    }

    /** Opens the store {@code builder} names (a file, or a file store in tests) with these settings. */
    static MVStore open(MVStore.Builder builder) {
        MVStore store = builder
                // no background commits: writers commit through GroupCommit, housekeeping does the rest
                .autoCommitDisabled()
                .open();
        store.setRetentionTime(RETENTION_MILLIS);
        store.setVersionsToKeep(VERSIONS_TO_KEEP);
        return store;
    }

    @Override
    public void run() {
        if (store.isClosed()) {
            return;
        }
        if (store.hasUnsavedChanges()) {
            store.commit();
        }
        store.sync();
        compact(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MILLIS));
    }

    /** Compacts while the file is sparse and {@code deadline} (a {@link System#nanoTime()}) is ahead. */
    void compact(long deadline) {
        FileStore<?> file = store.getFileStore();
        long before = file.size();
        if (before < MIN_COMPACT_BYTES) {
            return;
        }
        boolean changed = false;
        while (System.nanoTime() - deadline < 0) {
            boolean step = false;
            if (file.getChunksFillRate() < TARGET_FILL_PERCENT) {
                step = store.compact(TARGET_FILL_PERCENT, STEP_BYTES);
                if (step) {
                    releaseRewrittenChunks();
                }
            }
            if (file instanceof RandomAccessStore randomAccess && store.getFillRate() < TARGET_FILL_PERCENT) {
                long size = file.size();
                randomAccess.compactMoveChunks(100, MOVE_BYTES, store);
                step |= file.size() < size;
            }
            if (!step) {
                break;
            }
            changed = true;
        }
        if (changed && log.isInfoEnabled()) {
            log.info(
                    "embedded store compacted from {} to {} ({} % of it in use)",
                    megabytes(before), megabytes(file.size()), store.getFillRate());
        }
    }

    /**
     * Commits a few versions past the rewrite, so the chunks it emptied count as unused by every
     * version that is kept; without writers those versions would otherwise never come.
     */
    private void releaseRewrittenChunks() {
        for (int i = 0; i <= VERSIONS_TO_KEEP + 1; i++) {
            marks.put("compacted", marks.getOrDefault("compacted", 0L) + 1);
            store.commit();
        }
    }

    /** The store file's size and how much of it holds live data, for a log line. */
    String describe() {
        FileStore<?> file = store.getFileStore();
        return megabytes(file.size()) + " (" + store.getFillRate() + " % of it in use)";
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
