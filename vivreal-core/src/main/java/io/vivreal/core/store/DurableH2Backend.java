package io.vivreal.core.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;

/**
 * The H2 MVStore backend, answering a write only once it is in the file.
 *
 * <p>MVStore on its own commits in the background about once a second, so a {@code kill -9}
 * could lose writes the client already saw acknowledged. Here background commits are off and
 * every command that may change data waits, after its change and before its reply, for a commit
 * that covers it ({@link GroupCommit}): concurrent writers share one commit instead of queueing
 * for one each. Reads ({@link Commands#isRead}) answer at once. A commit writes the change into
 * the file (the operating system's page cache), which survives the death of the process; it does
 * not {@code fsync} per write. A write with the write concern {@code j: false}, which only {@link
 * CommitBatch} sends, answers without waiting: the batch's closing {@value
 * CommitBatch#FLUSH_COMMAND} command waits for a commit covering it before anyone is answered.
 * Surviving a power loss needs a real MongoDB replica set; {@link
 * StoreHousekeeping} syncs the file every few seconds so that a power loss at worst loses the last
 * seconds rather than the file.
 *
 * <p>It also answers one command of its own, {@value #BACKUP_COMMAND}, which {@code ./vivreal
 * admin backup} sends to a running server: changes are applied under a shared lock, and a backup
 * takes it exclusively for the moment it captures the store and media ({@link StoreBackup}). And
 * {@value WriteStamps#COMMAND} tells a reader whether a collection was written since it last
 * looked ({@link WriteStamps}).
 */
final class DurableH2Backend extends H2Backend {

    static final String BACKUP_COMMAND = "vivrealBackup";

    private final MVStore store;
    private final Path dataDir;
    private final ReentrantReadWriteLock quiet = new ReentrantReadWriteLock(true);
    private final GroupCommit groupCommit;
    private final WriteStamps stamps = new WriteStamps();

    DurableH2Backend(MVStore store, Path dataDir) {
        super(store);
        this.store = store;
        this.dataDir = dataDir;
        this.groupCommit = new GroupCommit(store);
    }

    static DurableH2Backend open(String fileName) {
        MVStore store = StoreHousekeeping.open(new MVStore.Builder().fileName(fileName));
        return new DurableH2Backend(store, Path.of(fileName).toAbsolutePath().getParent());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (BACKUP_COMMAND.equals(command) && "admin".equals(databaseName)) {
            return backupCommand();
        }
        if (WriteStamps.COMMAND.equals(command)) {
            return stamps.answer(databaseName, query);
        }
        if (CommitBatch.FLUSH_COMMAND.equals(command) && "admin".equals(databaseName)) {
            groupCommit.awaitCommit();
            return new Document("ok", 1.0);
        }
        if (Commands.isRead(command, query)) {
            return onCurrentVersion(channel, databaseName, command, query);
        }
        boolean deferred = Commands.defersCommit(query);
        quiet.readLock().lock();
        try {
            return onCurrentVersion(channel, databaseName, command, query);
        } finally {
            quiet.readLock().unlock();
            stamps.written(databaseName, command, query);
            // also after a failed command: part of a batch may have been applied
            if (!deferred) {
                groupCommit.awaitCommit();
            }
        }
    }

    /**
     * Runs a command with the store's current version registered as in use, so that no chunk the
     * command may still read is freed and overwritten under it, however long its scan takes.
     */
    private Document onCurrentVersion(Channel channel, String databaseName, String command, Document query) {
        MVStore.TxCounter reading = store.registerVersionUsage();
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            store.deregisterVersionUsage(reading);
        }
    }

    MVStore store() {
        return store;
    }

    GroupCommit groupCommit() {
        return groupCommit;
    }

    /** A consistent backup of the data directory, written under its {@code backups/}. */
    StoreBackup.Summary backup(StoreBackup.Progress progress) throws IOException {
        return StoreBackup.write(dataDir, progress, capture -> {
            quiet.writeLock().lock();
            try {
                store.commit();
                capture.accept(zip -> {
                    IOException[] failure = new IOException[1];
                    store.executeFilestoreOperation(() -> {
                        try {
                            store.getFileStore().backup(zip);
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    });
                    if (failure[0] != null) {
                        throw failure[0];
                    }
                });
            } finally {
                quiet.writeLock().unlock();
            }
        });
    }

    private Document backupCommand() {
        try {
            StoreBackup.Summary summary = backup(StoreBackup.Progress.NONE);
            Document answer = new Document("ok", 1.0);
            answer.put("file", summary.file().toString());
            answer.put("storeBytes", summary.storeBytes());
            answer.put("mediaFiles", summary.mediaFiles());
            answer.put("secretFiles", summary.secretFiles());
            return answer;
        } catch (IOException | RuntimeException e) {
            Document answer = new Document("ok", 0.0);
            answer.put("errmsg", "backup failed: " + e.getClass().getSimpleName());
            answer.put("code", 1);
            return answer;
        }
    }
}
