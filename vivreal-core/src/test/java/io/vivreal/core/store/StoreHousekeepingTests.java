package io.vivreal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's file stays small once writes settle. The target is ten times the
 * data (BSON bytes); this bound is what the housekeeping reaches today (the old settings, 45 s
 * retention and background compaction only, left about 140 times), see docs/BENCHMARKS.md.
 */
class StoreHousekeepingTests {

    private static final int WRITES = 2_000;
    private static final int MAX_FILE_TO_DATA = 50;

    @TempDir
    Path dir;

    @Test
    void fileSettlesSmallAfterThousandsOfSingleCommits() throws Exception {
        EmbeddedMongoStore store = EmbeddedMongoStore.start(dir);
        Path file = dir.resolve(EmbeddedMongoStore.STORE_FILE);
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            MongoCollection<Document> items = client.getDatabase("bench").getCollection("items");
            for (int i = 0; i < WRITES; i++) {
                // one writer: every insert is a commit of its own, the worst case for the file
                items.insertOne(new Document("title", "Show " + i)
                        .append(
                                "objectValue",
                                new Document("summary", "Show " + i + ": an evening of live music.")
                                        .append("rating", i % 5)));
                if (i % 3 == 0) {
                    items.updateOne(
                            new Document("title", "Show " + i), new Document("$set", new Document("rating", 9)));
                }
            }
            long written = Files.size(file);
            StoreHousekeeping housekeeping =
                    new StoreHousekeeping(store.backend().store());
            long settled = written;
            // dead chunks become reusable only after the retention time (1 s), so the runs are
            // spread over several seconds, as the 5-second schedule spreads them in the server
            for (int run = 0; run < 60; run++) {
                housekeeping.run();
                long size = Files.size(file);
                if (size == settled && run > 12) {
                    break;
                }
                settled = size;
                Thread.sleep(250);
            }
            double data = client.getDatabase("bench")
                    .runCommand(new Document("dbStats", 1))
                    .get("dataSize", Number.class)
                    .doubleValue();
            // CHECKSTYLE.OFF: console — the figures behind the assertion, for the test log
            System.out.printf(
                    "store file: %d bytes after %d writes, %d settled, data %.0f bytes (%s)%n",
                    written, WRITES, settled, data, housekeeping.describe());
            // CHECKSTYLE.ON: console
            assertThat(settled).as("settled file size").isLessThanOrEqualTo((long) (MAX_FILE_TO_DATA * data));
            assertThat(items.countDocuments()).isEqualTo(WRITES);
        } finally {
            store.close();
        }
    }
}
