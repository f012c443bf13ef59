package io.vivreal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on the MVStore itself: writers that acknowledge only after {@link
 * GroupCommit#awaitCommit()} lose nothing to a crash at any moment, and share commits.
 */
class GroupCommitTests {

    private static final int WRITERS = 8;
    private static final int CRASHES = 12;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteIsInTheFileWhereverTheProcessDies() throws Exception {
        MVStore store = CrashableFileStore.open(dir.resolve("store.mv.db"));
        GroupCommit groupCommit = new GroupCommit(store);
        MVMap<String, String> map = store.openMap("items");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    String key = writer + ":" + i;
                    map.put(key, "value of " + key + " ".repeat(i % 200));
                    groupCommit.awaitCommit();
                    acknowledged.add(key);
                }
            });
            thread.start();
            writers.add(thread);
        }
        Map<Path, Set<String>> crashes = new java.util.LinkedHashMap<>();
        try {
            for (int crash = 0; crash < CRASHES; crash++) {
                Thread.sleep(40);
                Set<String> before = new HashSet<>(acknowledged);
                Path copy = dir.resolve("crash-" + crash + ".mv.db");
                CrashableFileStore.of(store).crashCopy(copy);
                crashes.put(copy, before);
            }
        } finally {
            writing.set(false);
            for (Thread thread : writers) {
                thread.join();
            }
            store.close();
        }

        for (Map.Entry<Path, Set<String>> crash : crashes.entrySet()) {
            MVStore reopened = new MVStore.Builder()
                    .fileName(crash.getKey().toString())
                    .autoCommitDisabled()
                    .open();
            try {
                MVMap<String, String> recovered = reopened.openMap("items");
                assertThat(recovered.keySet())
                        .as(
                                "acknowledged before the crash at %s",
                                crash.getKey().getFileName())
                        .containsAll(crash.getValue());
            } finally {
                reopened.close();
            }
        }
        assertThat(crashes.values().stream().mapToInt(Set::size).max().orElse(0))
                .as("writes acknowledged before the last crash")
                .isGreaterThan(WRITERS);
        assertThat(groupCommit.commits())
                .as("commits for %s acknowledged writes", groupCommit.writes())
                .isLessThan(groupCommit.writes());
        // CHECKSTYLE.OFF: console — how much the writers shared, for the reader of the test log
        System.out.printf(
                "group commit: %d writes, %d commits (%.1f writes per commit)%n",
                groupCommit.writes(), groupCommit.commits(), groupCommit.writes() / (double) groupCommit.commits());
        // CHECKSTYLE.ON: console
    }
}
