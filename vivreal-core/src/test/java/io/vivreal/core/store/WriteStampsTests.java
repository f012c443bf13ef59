package io.vivreal.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
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
 * every kind of write of its group to its collection, and with every write that could touch the
 * group without saying so (no group in the filter, an update that sets {@code groupID}), from any
 * client; reads, other collections, other databases and other groups' writes through the tenant
 * layer leave it as it was; and a new start of the store does not repeat an old stamp.
 */
class WriteStampsTests {

    private static final String G1 = "0123456789abcdef01234567";
    private static final String G2 = "76543210fedcba9876543210";

    @TempDir
    Path dir;

    @Test
    void theStampChangesWithEveryWriteOfItsGroupToItsCollectionAndWithNothingElse() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        EmbeddedMongoStore store = EmbeddedMongoStore.start(data);
        try (MongoClient client = MongoClients.create(StoreConfiguration.settings(store.connectionString()));
                MongoClient other = MongoClients.create(StoreConfiguration.settings(store.connectionString()))) {
            TenantStore tenants = new TenantStore(client);
            TenantScope scope = new TenantScope(G1, "db1");
            TenantScope neighbour = new TenantScope(G2, "db1"); // groups share tenant databases
            TenantCollection items = tenants.collection(scope, "items");

            long first = stamp(tenants, scope);
            items.insertOne(new Document("_id", "a").append("title", "A"));
            long afterInsert = stamp(tenants, scope);
            assertThat(afterInsert).isNotEqualTo(first);

            items.count(Filters.eq("title", "A"));
            items.find(Filters.eq("title", "A")).into(new ArrayList<>());
            tenants.collection(scope, "audit").insertOne(new Document("_id", "x"));
            tenants.collection(neighbour, "items").insertOne(new Document("_id", "y"));
            tenants.collection(neighbour, "items").updateOne(Filters.eq("_id", "y"), Updates.set("title", "Y"));
            tenants.collection(neighbour, "items").deleteOne(Filters.eq("_id", "y"));
            tenants.collection(new TenantScope(G1, "db2"), "items").insertOne(new Document("_id", "z"));
            assertThat(stamp(tenants, scope))
                    .as("reads, another collection, another group's items, another database")
                    .isEqualTo(afterInsert);

            items.updateOne(Filters.eq("_id", "a"), Updates.set("title", "B"));
            long afterUpdate = stamp(tenants, scope);
            assertThat(afterUpdate).isNotEqualTo(afterInsert);

            items.deleteOne(Filters.eq("_id", "a"));
            long afterDelete = stamp(tenants, scope);
            assertThat(afterDelete).isNotEqualTo(afterUpdate);

            // another client (another instance, or code outside the tenant layer) writing with no group
            // in its filter: every group's stamp changes
            MongoCollection<Document> raw = other.getDatabase("db1").getCollection("items");
            raw.insertOne(new Document("_id", "b").append("groupID", G1));
            long afterRawInsert = stamp(tenants, scope);
            assertThat(afterRawInsert).isNotEqualTo(afterDelete);
            raw.updateMany(Filters.eq("title", "nothing"), Updates.set("title", "x"));
            long afterRawUpdate = stamp(tenants, scope);
            assertThat(afterRawUpdate).as("an update without a group").isNotEqualTo(afterRawInsert);

            // a write in the neighbour's filter that moves documents into this group
            raw.updateMany(Filters.eq("groupID", G2), Updates.set("groupID", G1));
            long afterMove = stamp(tenants, scope);
            assertThat(afterMove).as("an update that sets groupID").isNotEqualTo(afterRawUpdate);
            raw.replaceOne(Filters.eq("groupID", G2), new Document("_id", "c").append("groupID", G1));
            long afterReplace = stamp(tenants, scope);
            assertThat(afterReplace).as("a replacement naming another group").isNotEqualTo(afterMove);
            raw.findOneAndUpdate(Filters.eq("groupID", G2), Updates.set("groupID", G1));
            long afterFindAndModify = stamp(tenants, scope);
            assertThat(afterFindAndModify).as("findAndModify moving a document").isNotEqualTo(afterReplace);

            other.getDatabase("db1").drop();
            assertThat(stamp(tenants, scope)).as("a dropped database").isNotEqualTo(afterFindAndModify);
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
