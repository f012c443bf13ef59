package io.vivreal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store over the wire, as the application uses it: a write is answered only once its
 * commit is in the file, reads do not wait, and eight concurrent writers lose no acknowledged
 * insert to a crash at any moment.
 */
class DurableH2BackendTests {

    @TempDir
    Path dir;

    @Test
    void aWriteIsAnsweredOnlyOnceItsCommitIsInTheFileWhileReadsAnswerAtOnce() throws Exception {
        EmbeddedMongoStore store = CrashableFileStore.serve(dir.resolve("data"));
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            MongoCollection<Document> items = client.getDatabase("t").getCollection("items");
            items.insertOne(new Document("_id", "first"));
            CompletableFuture<Void> insert;
            try (AutoCloseable frozen =
                    CrashableFileStore.of(store.backend().store()).freezeWrites()) {
                insert = CompletableFuture.runAsync(() -> items.insertOne(new Document("_id", "second")));
                Thread.sleep(500);
                assertThat(insert)
                        .as("acknowledged before its commit reached the file")
                        .isNotDone();
                long found = CompletableFuture.supplyAsync(() -> items.countDocuments(new Document("_id", "first")))
                        .get(20, TimeUnit.SECONDS);
                assertThat(found).as("a read while a commit is held back").isEqualTo(1);
            }
            insert.get(20, TimeUnit.SECONDS);
        } finally {
            store.close();
        }
    }

    @Test
    void everyAcknowledgedInsertOfEightWritersSurvivesACrashAtAnyMoment() throws Exception {
        EmbeddedMongoStore store = CrashableFileStore.serve(dir.resolve("data"));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Path, Set<String>> crashes;
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            MongoCollection<Document> items = client.getDatabase("t").getCollection("items");
            crashes = CrashableFileStore.crashCopiesWhileEightWrite(
                    store,
                    dir,
                    acknowledged,
                    id -> items.insertOne(new Document("_id", id).append("title", "Show " + id)));
            assertThat(store.backend().groupCommit().commits())
                    .as("commits shared by concurrent writers")
                    .isLessThan(store.backend().groupCommit().writes());
        } finally {
            store.close();
        }
        CrashableFileStore.assertEveryAcknowledgedIdSurvives(crashes, List.of("items"));
    }
}
