package io.vivreal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One durable wait per batch of writes: inside a batch the writes answer without their commits,
 * the batch returns only once a commit holding all of them is in the file, and eight writers whose
 * batches write three collections each lose none of the three records of an acknowledged batch to
 * a crash at any moment. Outside the embedded store nothing is deferred.
 */
class CommitBatchTests {

    @TempDir
    Path dir;

    @Test
    void writesInABatchAnswerAtOnceButTheBatchReturnsOnlyOnceTheirCommitIsInTheFile() throws Exception {
        EmbeddedMongoStore store = CrashableFileStore.serve(dir.resolve("data"));
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            MongoDatabase database = client.getDatabase("t");
            MongoCollection<Document> items = database.getCollection("items");
            MongoCollection<Document> audit = database.getCollection("audit");
            items.insertOne(new Document("_id", "first"));
            CommitBatch batch = new CommitBatch(client.getDatabase("admin"));
            AtomicBoolean writesAnswered = new AtomicBoolean();
            CompletableFuture<Void> acknowledged;
            try (AutoCloseable frozen =
                    CrashableFileStore.of(store.backend().store()).freezeWrites()) {
                acknowledged = CompletableFuture.runAsync(() -> batch.run(() -> {
                    assertThat(CommitBatch.open()).isTrue();
                    CommitBatch.writes(items).insertOne(new Document("_id", "second"));
                    CommitBatch.writes(audit).insertOne(new Document("item", "second"));
                    writesAnswered.set(true);
                }));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!writesAnswered.get() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(writesAnswered)
                        .as("deferred writes answered while commits are held back")
                        .isTrue();
                Thread.sleep(300);
                assertThat(acknowledged)
                        .as("the batch returned before a commit holding its writes reached the file")
                        .isNotDone();
            }
            acknowledged.get(20, TimeUnit.SECONDS);
            assertThat(CommitBatch.open())
                    .as("the batch is closed on its thread")
                    .isFalse();
        } finally {
            store.close();
        }
    }

    @Test
    void outsideABatchAndOnAnExternalMongoNothingIsDeferred() throws Exception {
        EmbeddedMongoStore store = CrashableFileStore.serve(dir.resolve("data"));
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            MongoCollection<Document> items = client.getDatabase("t").getCollection("items");
            assertThat(CommitBatch.writes(items)).isSameAs(items);
            CommitBatch.none().run(() -> {
                assertThat(CommitBatch.open()).isFalse();
                assertThat(CommitBatch.writes(items)).isSameAs(items);
            });
            new CommitBatch(client.getDatabase("admin"))
                    .run(() -> assertThat(CommitBatch.writes(items).getWriteConcern())
                            .isEqualTo(CommitBatch.DEFERRED));
        } finally {
            store.close();
        }
    }

    @Test
    void everyRecordOfEveryAcknowledgedBatchOfEightWritersSurvivesACrashAtAnyMoment() throws Exception {
        EmbeddedMongoStore store = CrashableFileStore.serve(dir.resolve("data"));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> collections = List.of("items", "versions", "audit");
        Map<Path, Set<String>> crashes;
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            MongoDatabase database = client.getDatabase("t");
            CommitBatch batch = new CommitBatch(client.getDatabase("admin"));
            crashes = CrashableFileStore.crashCopiesWhileEightWrite(
                    store,
                    dir,
                    acknowledged,
                    id -> batch.run(() -> {
                        for (String collection : collections) {
                            CommitBatch.writes(database.getCollection(collection))
                                    .insertOne(new Document("_id", id).append("title", "Show " + id));
                        }
                    }));
            assertThat(store.backend().groupCommit().writes())
                    .as("one durable wait per batch, not one per write")
                    .isLessThanOrEqualTo(acknowledged.size() + 8L);
        } finally {
            store.close();
        }
        CrashableFileStore.assertEveryAcknowledgedIdSurvives(crashes, collections);
    }
}
