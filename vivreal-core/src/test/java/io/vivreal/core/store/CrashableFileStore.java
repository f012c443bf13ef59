package io.vivreal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
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

    /** The embedded store served over the wire from a crashable file under {@code dataDir}. */
    static EmbeddedMongoStore serve(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        return EmbeddedMongoStore.serve(
                new DurableH2Backend(open(dataDir.resolve(EmbeddedMongoStore.STORE_FILE)), dataDir), dataDir);
    }

    /**
     * Eight writers call {@code write} with ids {@code "<writer>-<n>"} until stopped, adding each id
     * to {@code acknowledged} once the call returns; meanwhile six crash copies of the store's file
     * are taken under {@code dir}. Answers each copy's data directory with the ids acknowledged
     * before it was taken.
     */
    static Map<Path, Set<String>> crashCopiesWhileEightWrite(
            EmbeddedMongoStore store, Path dir, Set<String> acknowledged, Consumer<String> write) throws Exception {
        Map<Path, Set<String>> crashes = new LinkedHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    String id = writer + "-" + i;
                    write.accept(id);
                    acknowledged.add(id);
                }
            });
            thread.start();
            writers.add(thread);
        }
        try {
            for (int crash = 0; crash < 6; crash++) {
                Thread.sleep(150);
                Set<String> before = new HashSet<>(acknowledged);
                Path copy = dir.resolve("crash-" + crash);
                Files.createDirectories(copy);
                of(store.backend().store()).crashCopy(copy.resolve(EmbeddedMongoStore.STORE_FILE));
                crashes.put(copy, before);
            }
        } finally {
            writing.set(false);
            for (Thread thread : writers) {
                thread.join();
            }
        }
        return crashes;
    }

    /** Opens every crash copy and checks that each collection of database {@code t} holds what was acknowledged before it. */
    static void assertEveryAcknowledgedIdSurvives(Map<Path, Set<String>> crashes, List<String> collections) {
        for (Map.Entry<Path, Set<String>> crash : crashes.entrySet()) {
            EmbeddedMongoStore reopened = EmbeddedMongoStore.start(crash.getKey());
            try (MongoClient client = MongoClients.create(StoreConfiguration.settings(reopened.connectionString()))) {
                for (String collection : collections) {
                    Set<String> stored = new HashSet<>();
                    client.getDatabase("t")
                            .getCollection(collection)
                            .find()
                            .forEach(d -> stored.add(d.getString("_id")));
                    assertThat(stored)
                            .as(
                                    "%s acknowledged before %s",
                                    collection, crash.getKey().getFileName())
                            .containsAll(crash.getValue());
                }
            } finally {
                reopened.close();
            }
        }
        assertThat(crashes.values().stream().mapToInt(Set::size).max().orElse(0))
                .isGreaterThan(8);
    }
}
