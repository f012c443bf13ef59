package io.vivreal.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.vivreal.core.store.EmbeddedMongoStore;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.store.StoreConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantStoreTests {

    private static final String A = "65a000000000000000000011";
    private static final String B = "65a000000000000000000012";

    @TempDir
    static Path dataDir;

    private static EmbeddedMongoStore store;
    private static MongoClient client;

    @BeforeAll
    static void startStore() {
        store = EmbeddedMongoStore.start(dataDir);
        client = MongoClients.create(StoreConfiguration.settings(store.connectionString()));
    }

    @AfterAll
    static void stopStore() {
        client.close();
        store.close();
    }

    private static List<String> indexNames(String db, String collection) {
        List<String> names = new ArrayList<>();
        client.getDatabase(db)
                .getCollection(collection)
                .listIndexes()
                .forEach(index -> names.add(index.getString("name")));
        return names;
    }

    @Test
    void collectionLivesInTheScopesDatabase() {
        TenantStore tenants = new TenantStore(client);
        String dbKey = "ent_" + A;
        tenants.collection(new TenantScope(A, dbKey), "placement").insertOne(new Document("x", 1));

        assertThat(client.getDatabase(dbKey).getCollection("placement").countDocuments(Filters.eq("groupID", A)))
                .isEqualTo(1);
        assertThat(client.getDatabase("general_shared")
                        .getCollection("placement")
                        .countDocuments())
                .isZero();
    }

    @Test
    void sameGroupInAnotherDatabaseSeesNothingOfTheFirst() {
        TenantStore tenants = new TenantStore(client);
        tenants.collection(new TenantScope(A, "pro_plus"), "separate").insertOne(new Document("x", 1));
        TenantCollection elsewhere = tenants.collection(new TenantScope(A, "general_shared"), "separate");
        assertThat(elsewhere.count(null)).isZero();
        assertThat(tenants.collection(new TenantScope(A, "pro_plus"), "separate")
                        .count(null))
                .isEqualTo(1);
    }

    @Test
    void collectionsOfTwoGroupsInTheSharedDatabaseAreIsolated() {
        TenantStore tenants = new TenantStore(client);
        TenantCollection a = tenants.collection(new TenantScope(A, "general_shared"), "isolated");
        TenantCollection b = tenants.collection(new TenantScope(B, "general_shared"), "isolated");
        a.insertOne(new Document("secret", "a"));
        b.insertOne(new Document("secret", "b"));
        assertThat(a.findOne(null).getString("secret")).isEqualTo("a");
        assertThat(b.findOne(null).getString("secret")).isEqualTo("b");
        assertThat(a.count(null)).isEqualTo(1);
    }

    @Test
    void refusesACollectionWithoutAScope() {
        TenantStore tenants = new TenantStore(client);
        assertThatThrownBy(() -> tenants.collection(null, "items"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("tenant scope");
    }

    @Test
    void ensureIndexesCreatesTheRegisteredIndexesInTheDatabase() {
        TenantStore tenants = new TenantStore(client);
        tenants.registerTenantIndexes(List.of(
                IndexSpec.of("indexed", Indexes.ascending("groupID", "createdAt")),
                IndexSpec.unique("indexed", Indexes.ascending("groupID", "slug"))));
        tenants.ensureIndexes("idx_one");

        assertThat(indexNames("idx_one", "indexed")).contains("groupID_1_createdAt_1", "groupID_1_slug_1");
        assertThat(indexNames("idx_two", "indexed")).doesNotContain("groupID_1_slug_1");
    }

    @Test
    void ensureIndexesWorksOncePerDatabasePerProcess() {
        TenantStore tenants = new TenantStore(client);
        tenants.registerTenantIndexes(List.of(IndexSpec.of("once", Indexes.ascending("groupID", "n"))));
        tenants.ensureIndexes("idx_once");
        client.getDatabase("idx_once").getCollection("once").dropIndex("groupID_1_n_1");

        tenants.ensureIndexes("idx_once");

        assertThat(indexNames("idx_once", "once")).doesNotContain("groupID_1_n_1");
    }

    @Test
    void registeringIndexesAgainMakesEnsureIndexesRunAgain() {
        TenantStore tenants = new TenantStore(client);
        tenants.registerTenantIndexes(List.of(IndexSpec.of("again", Indexes.ascending("groupID", "n"))));
        tenants.ensureIndexes("idx_again");
        tenants.registerTenantIndexes(List.of(IndexSpec.of("again", Indexes.ascending("groupID", "m"))));

        tenants.ensureIndexes("idx_again");

        assertThat(indexNames("idx_again", "again")).contains("groupID_1_n_1", "groupID_1_m_1");
    }

    @Test
    void registeredIndexListIsCopied() {
        TenantStore tenants = new TenantStore(client);
        List<IndexSpec> specs = new ArrayList<>();
        specs.add(IndexSpec.of("copied", Indexes.ascending("groupID", "n")));
        tenants.registerTenantIndexes(specs);
        specs.add(IndexSpec.of("copied", Indexes.ascending("groupID", "late")));

        tenants.ensureIndexes("idx_copied");

        assertThat(indexNames("idx_copied", "copied")).contains("groupID_1_n_1").doesNotContain("groupID_1_late_1");
    }
}
