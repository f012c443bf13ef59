package io.vivreal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.OptionalLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's write stamp, over the wire as the application asks for it: it changes with
 * every kind of write to its collection, from any client, and with nothing else — reads and writes
 * to other collections or databases leave it as it was — and a new start of the store does not
 * repeat an old stamp.
 */
class WriteStampsTests {

    private static final String G1 = "0123456789abcdef01234567";
    private static final String G2 = "76543210fedcba9876543210";

    @TempDir
    Path dir;

    @Test
    void theStampChangesWithEveryWriteToItsCollectionAndWithNothingElse() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        EmbeddedMongoStore store = EmbeddedMongoStore.start(data);
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()));
                MongoClient other = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            TenantStore tenants = new TenantStore(client);
            TenantScope scope = new TenantScope(G1, "db1");
            TenantScope elsewhere = new TenantScope(G2, "db2");
            TenantCollection items = tenants.collection(scope, "items");

            long first = stamp(tenants, scope);
            items.insertOne(new Document("_id", "a").append("title", "A"));
            long afterInsert = stamp(tenants, scope);
            assertThat(afterInsert).isNotEqualTo(first);

            items.count(Filters.eq("title", "A"));
            items.find(Filters.eq("title", "A")).into(new ArrayList<>());
            tenants.collection(scope, "audit").insertOne(new Document("_id", "x"));
            tenants.collection(elsewhere, "items").insertOne(new Document("_id", "y"));
            assertThat(stamp(tenants, scope))
                    .as("reads, another collection, another database")
                    .isEqualTo(afterInsert);

            items.updateOne(Filters.eq("_id", "a"), Updates.set("title", "B"));
            long afterUpdate = stamp(tenants, scope);
            assertThat(afterUpdate).isNotEqualTo(afterInsert);

            // another client (another instance) writing through the same store
            other.getDatabase("db1").getCollection("items").deleteOne(Filters.eq("_id", "a"));
            long afterDelete = stamp(tenants, scope);
            assertThat(afterDelete).isNotEqualTo(afterUpdate);

            other.getDatabase("db1").drop();
            assertThat(stamp(tenants, scope)).as("a dropped database").isNotEqualTo(afterDelete);
        } finally {
            store.close();
        }
    }

    @Test
    void aRestartedStoreDoesNotRepeatAStamp() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        long before;
        EmbeddedMongoStore store = EmbeddedMongoStore.start(data);
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            before = stamp(new TenantStore(client), new TenantScope(G1, "db1"));
        } finally {
            store.close();
        }
        store = EmbeddedMongoStore.start(data);
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            assertThat(stamp(new TenantStore(client), new TenantScope(G1, "db1")))
                    .isNotEqualTo(before);
        } finally {
            store.close();
        }
    }

    private static long stamp(TenantStore tenants, TenantScope scope) {
        OptionalLong stamp = tenants.writeStamp(scope, "items");
        assertThat(stamp).as("the embedded store answers a stamp").isPresent();
        return stamp.getAsLong();
    }
}
