package io.vivreal.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.SFChunk;
import org.h2.mvstore.SingleFileStore;

/**
 * MVStore's own file store, with two test hooks: {@link #crashCopy} copies the file as a {@code
 * kill -9} at that instant would leave it (no write of the store is half-way through the copy:
 * what the process wrote is in the file, what it had not yet written is not), and {@link
 * #freezeWrites} holds every write to the file back, so a test can see who waits for one.
 */
final class CrashableFileStore extends SingleFileStore {

    private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();
    private final Path file;

    private CrashableFileStore(Path file) {
        super(new HashMap<>());
        this.file = file;
    }

    /** An MVStore on {@code file} with the embedded store's settings, over a crashable file store. */
    static MVStore open(Path file) {
        CrashableFileStore fileStore = new CrashableFileStore(file);
        fileStore.open(file.toString(), false, null);
        return StoreHousekeeping.open(new MVStore.Builder().adoptFileStore(fileStore));
    }

    static CrashableFileStore of(MVStore store) {
        return (CrashableFileStore) store.getFileStore();
    }

    @Override
    protected void writeFully(SFChunk chunk, long pos, ByteBuffer src) {
        writes.readLock().lock();
        try {
            super.writeFully(chunk, pos, src);
        } finally {
            writes.readLock().unlock();
        }
    }

    @Override
    public void truncate(long size) {
        writes.readLock().lock();
        try {
            super.truncate(size);
        } finally {
            writes.readLock().unlock();
        }
    }

    /** Copies the file to {@code target} between two writes, as a crash at this moment leaves it. */
    void crashCopy(Path target) {
        writes.writeLock().lock();
        try {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writes.writeLock().unlock();
        }
    }

    /** Holds every write to the file back until the answer is closed. */
    AutoCloseable freezeWrites() {
        writes.writeLock().lock();
        return () -> writes.writeLock().unlock();
    }
}
