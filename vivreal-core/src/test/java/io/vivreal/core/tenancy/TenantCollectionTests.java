package io.vivreal.core.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.EmbeddedMongoStore;
import io.vivreal.core.store.StoreConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

class TenantCollectionTests {

    private static final String DB = "general_shared";
    private static final String A = "65a000000000000000000001";
    private static final String B = "65a000000000000000000002";
    private static final TenantScope SCOPE_A = new TenantScope(A, DB);
    private static final TenantScope SCOPE_B = new TenantScope(B, DB);

    @TempDir
    static Path dataDir;

    private static EmbeddedMongoStore store;
    private static MongoClient client;
    private static TenantStore tenants;

    private String name;
    private TenantCollection a;
    private TenantCollection b;
    private MongoCollection<Document> raw;

    @BeforeAll
    static void startStore() {
        store = EmbeddedMongoStore.start(dataDir);
        client = MongoClients.create(StoreConfiguration.settings(store.connectionString()));
        tenants = new TenantStore(client);
        client.getDatabase(DB).runCommand(new Document("ping", 1));
    }

    @AfterAll
    static void stopStore() {
        client.close();
        store.close();
    }

    /** Each test has a collection of its own in a store that is new for this class. */
    @BeforeEach
    void freshCollection(TestInfo info) {
        name = "items_" + info.getTestMethod().orElseThrow().getName();
        a = tenants.collection(SCOPE_A, name);
        b = tenants.collection(SCOPE_B, name);
        raw = client.getDatabase(DB).getCollection(name);
        assertThat(raw.countDocuments()).isZero();
    }

    /** Three documents of group A and three of group B, with the same shapes, written directly. */
    private void seedBothGroups() {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            documents.add(new Document("n", i).append("tag", "shared").append("groupID", A));
            documents.add(new Document("n", i).append("tag", "shared").append("groupID", B));
        }
        raw.insertMany(documents);
    }

    private static List<Document> all(Iterable<Document> documents) {
        List<Document> out = new ArrayList<>();
        documents.forEach(out::add);
        return out;
    }

    private List<Document> rawDocumentsOf(String group) {
        return all(raw.find(Filters.eq("groupID", group)));
    }

    private ObjectId idOfAnyDocumentOf(String group) {
        return raw.find(Filters.eq("groupID", group)).first().getObjectId("_id");
    }

    // ---- inserts ----

    @Test
    void insertStampsTheDocumentWithTheScopesGroup() {
        Document document = new Document("title", "hello");
        a.insertOne(document);

        assertThat(document.getString("groupID")).isEqualTo(A);
        Document stored = raw.find().first();
        assertThat(stored.getString("groupID")).isEqualTo(A);
        assertThat(stored.getString("title")).isEqualTo("hello");
    }

    @Test
    void insertAcceptsADocumentThatAlreadyNamesItsOwnGroup() {
        a.insertOne(new Document("groupID", A).append("title", "mine"));
        assertThat(rawDocumentsOf(A)).hasSize(1);
    }

    @Test
    void insertStampsADocumentWhoseGroupIdIsNull() {
        a.insertOne(new Document("groupID", null).append("title", "x"));
        assertThat(rawDocumentsOf(A)).hasSize(1);
        assertThat(raw.countDocuments()).isEqualTo(1);
    }

    @Test
    void insertOfADocumentNamingAnotherGroupThrowsAndWritesNothing() {
        Document foreign = new Document("groupID", B).append("title", "planted");
        assertThatThrownBy(() -> a.insertOne(foreign)).isInstanceOf(TenantViolationException.class);
        assertThat(raw.countDocuments()).isZero();
        assertThat(foreign.getString("groupID")).isEqualTo(B);
    }

    @Test
    void insertRefusesGroupIdsOfOtherTypesOrShapes() {
        List<Object> foreignValues = List.of(
                new ObjectId(B),
                new ObjectId(A), // right hex, wrong type: the store would not match it with the string
                new Document("$ne", A),
                List.of(A, B),
                List.of(A),
                A.toUpperCase(),
                A + " ",
                "",
                42);
        for (Object value : foreignValues) {
            assertThatThrownBy(() -> a.insertOne(new Document("groupID", value).append("v", String.valueOf(value))))
                    .as(String.valueOf(value))
                    .isInstanceOf(TenantViolationException.class);
        }
        assertThat(raw.countDocuments()).isZero();
    }

    // ---- reads ----

    @Test
    void findWithAnEmptyFilterSeesOnlyTheScopesDocuments() {
        seedBothGroups();
        List<Document> found = all(a.find(new Document()));
        assertThat(found)
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.getString("groupID")).isEqualTo(A));
    }

    @Test
    void findWithANullFilterMeansAllOfTheScopesDocuments() {
        seedBothGroups();
        assertThat(all(a.find(null)))
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.getString("groupID")).isEqualTo(A));
        assertThat(all(b.find(null)))
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.getString("groupID")).isEqualTo(B));
    }

    @Test
    void findWithAFilterMatchingBothGroupsSeesOnlyTheScopes() {
        seedBothGroups();
        assertThat(all(a.find(Filters.eq("tag", "shared"))))
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.getString("groupID")).isEqualTo(A));
        assertThat(all(a.find(Filters.gte("n", 0))))
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.getString("groupID")).isEqualTo(A));
    }

    @Test
    void findNamingAnotherGroupReturnsNothing() {
        seedBothGroups();
        assertThat(all(a.find(Filters.eq("groupID", B)))).isEmpty();
        assertThat(all(a.find(new Document("groupID", B)))).isEmpty();
        assertThat(all(a.find(Document.parse("{\"groupID\": \"" + B + "\"}")))).isEmpty();
    }

    @Test
    void findWithGroupOperatorsCannotWidenTheScope() {
        seedBothGroups();
        List<Bson> widening = List.of(
                Filters.in("groupID", A, B),
                Filters.ne("groupID", A),
                Filters.exists("groupID"),
                Filters.gt("groupID", ""),
                Filters.regex("groupID", ".*"),
                Filters.or(Filters.eq("groupID", B), Filters.eq("tag", "shared")),
                Filters.or(new Document(), Filters.eq("groupID", B)),
                Filters.nor(Filters.eq("groupID", A)),
                Document.parse("{\"$or\": [{\"groupID\": {\"$gt\": \"\"}}]}"),
                Document.parse("{\"groupID\": {\"$gt\": \"\"}, \"n\": {\"$gte\": 0}}"));
        for (Bson filter : widening) {
            List<Document> found = all(a.find(filter));
            assertThat(found)
                    .as(filter.toString())
                    .allSatisfy(d -> assertThat(d.getString("groupID")).isEqualTo(A));
            assertThat(a.count(filter)).as(filter.toString()).isLessThanOrEqualTo(3);
        }
        assertThat(all(a.find(Filters.ne("groupID", A)))).isEmpty();
        assertThat(all(a.find(Filters.in("groupID", A, B)))).hasSize(3);
    }

    @Test
    void findOneOfAnotherGroupsDocumentByIdReturnsNull() {
        seedBothGroups();
        ObjectId foreign = idOfAnyDocumentOf(B);
        assertThat(a.findOne(Filters.eq("_id", foreign))).isNull();
        assertThat(b.findOne(Filters.eq("_id", foreign))).isNotNull();
    }

    @Test
    void findOneWithAFilterMatchingBothGroupsReturnsTheScopesDocument() {
        seedBothGroups();
        for (int i = 0; i < 3; i++) {
            assertThat(a.findOne(Filters.eq("n", i)).getString("groupID")).isEqualTo(A);
            assertThat(b.findOne(Filters.eq("n", i)).getString("groupID")).isEqualTo(B);
        }
        assertThat(a.findOne(null).getString("groupID")).isEqualTo(A);
        assertThat(a.findOne(Filters.eq("groupID", B))).isNull();
    }

    @Test
    void countSeesOnlyTheScopesDocuments() {
        seedBothGroups();
        b.insertOne(new Document("n", 9));
        assertThat(a.count(new Document())).isEqualTo(3);
        assertThat(a.count(null)).isEqualTo(3);
        assertThat(b.count(null)).isEqualTo(4);
        assertThat(a.count(Filters.eq("groupID", B))).isZero();
        assertThat(a.count(Filters.eq("n", 9))).isZero();
        assertThat(raw.countDocuments()).isEqualTo(7);
    }

    @Test
    void emptyScopeSeesNothingEvenWhenTheCollectionIsFull() {
        for (int i = 0; i < 5; i++) {
            b.insertOne(new Document("n", i));
        }
        assertThat(a.count(null)).isZero();
        assertThat(all(a.find(null))).isEmpty();
        assertThat(a.findOne(null)).isNull();
    }

    // ---- updates ----

    @Test
    void updateManyWithAnEmptyFilterTouchesOnlyTheScopesDocuments() {
        seedBothGroups();
        var result = a.updateMany(new Document(), Updates.set("tag", "changed"));
        assertThat(result.getMatchedCount()).isEqualTo(3);
        assertThat(result.getModifiedCount()).isEqualTo(3);
        assertThat(rawDocumentsOf(A))
                .allSatisfy(d -> assertThat(d.getString("tag")).isEqualTo("changed"));
        assertThat(rawDocumentsOf(B))
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.getString("tag")).isEqualTo("shared"));
    }

    @Test
    void updateManyWithANullFilterMeansAllOfTheScopesDocuments() {
        seedBothGroups();
        assertThat(a.updateMany(null, Updates.inc("n", 100)).getModifiedCount()).isEqualTo(3);
        assertThat(rawDocumentsOf(A))
                .allSatisfy(d -> assertThat(d.getInteger("n")).isGreaterThanOrEqualTo(100));
        assertThat(rawDocumentsOf(B))
                .allSatisfy(d -> assertThat(d.getInteger("n")).isLessThan(100));
    }

    @Test
    void updateManyNamingAnotherGroupTouchesNothing() {
        seedBothGroups();
        var result = a.updateMany(Filters.eq("groupID", B), Updates.set("tag", "hijacked"));
        assertThat(result.getMatchedCount()).isZero();
        assertThat(raw.countDocuments(Filters.eq("tag", "hijacked"))).isZero();
    }

    @Test
    void updateOneOfAnotherGroupsDocumentByIdTouchesNothing() {
        seedBothGroups();
        ObjectId foreign = idOfAnyDocumentOf(B);
        var result = a.updateOne(Filters.eq("_id", foreign), Updates.set("tag", "hijacked"));
        assertThat(result.getMatchedCount()).isZero();
        assertThat(raw.find(Filters.eq("_id", foreign)).first().getString("tag"))
                .isEqualTo("shared");
    }

    @Test
    void updateOneWithAFilterMatchingBothGroupsTouchesOnlyTheScopes() {
        seedBothGroups();
        for (int i = 0; i < 6; i++) {
            a.updateOne(Filters.eq("tag", "shared"), Updates.set("tag", "mine"));
        }
        assertThat(raw.countDocuments(Filters.eq("tag", "mine"))).isEqualTo(3);
        assertThat(rawDocumentsOf(B))
                .allSatisfy(d -> assertThat(d.getString("tag")).isEqualTo("shared"));
        assertThat(a.updateOne(null, Updates.set("tag", "x")).getMatchedCount()).isEqualTo(1);
        assertThat(rawDocumentsOf(B))
                .allSatisfy(d -> assertThat(d.getString("tag")).isEqualTo("shared"));
    }

    @Test
    void updateThatSetsGroupIdIsRefusedAndChangesNothing() {
        seedBothGroups();
        assertThatThrownBy(() -> a.updateOne(null, Updates.set("groupID", B)))
                .isInstanceOf(TenantViolationException.class);
        assertThatThrownBy(() -> a.updateMany(null, Updates.set("groupID", B)))
                .isInstanceOf(TenantViolationException.class);
        assertThatThrownBy(
                        () -> a.updateMany(null, Updates.combine(Updates.set("tag", "x"), Updates.set("groupID", B))))
                .isInstanceOf(TenantViolationException.class);
        assertThatThrownBy(() -> a.updateOne(null, Updates.set("groupID", A)))
                .isInstanceOf(TenantViolationException.class);
        assertThat(rawDocumentsOf(A))
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.getString("tag")).isEqualTo("shared"));
        assertThat(rawDocumentsOf(B)).hasSize(3);
    }

    @Test
    void updateThatUnsetsGroupIdIsRefused() {
        seedBothGroups();
        assertThatThrownBy(() -> a.updateOne(null, Updates.unset("groupID")))
                .isInstanceOf(TenantViolationException.class);
        assertThatThrownBy(() -> a.updateMany(null, Updates.unset("groupID")))
                .isInstanceOf(TenantViolationException.class);
        assertThat(rawDocumentsOf(A)).hasSize(3);
    }

    @Test
    void updateThatRenamesGroupIdAwayIsRefused() {
        seedBothGroups();
        assertThatThrownBy(() -> a.updateMany(null, Updates.rename("groupID", "formerGroup")))
                .isInstanceOf(TenantViolationException.class);
        assertThat(rawDocumentsOf(A)).hasSize(3);
    }

    @Test
    void updateWithAnyOperatorOnGroupIdIsRefused() {
        seedBothGroups();
        List<Bson> updates = List.of(
                Updates.setOnInsert("groupID", B),
                Updates.inc("groupID", 1),
                Updates.mul("groupID", 2),
                Updates.min("groupID", ""),
                Updates.max("groupID", "z"),
                Updates.currentDate("groupID"),
                Updates.push("groupID", B),
                Updates.addToSet("groupID", B),
                Updates.popFirst("groupID"),
                Updates.pull("groupID", A),
                Document.parse("{\"$set\": {\"tag\": \"x\", \"groupID\": \"" + B + "\"}}"));
        for (Bson update : updates) {
            assertThatThrownBy(() -> a.updateOne(null, update))
                    .as(update.toString())
                    .isInstanceOf(TenantViolationException.class);
            assertThatThrownBy(() -> a.updateMany(null, update))
                    .as(update.toString())
                    .isInstanceOf(TenantViolationException.class);
        }
        assertThat(rawDocumentsOf(A))
                .hasSize(3)
                .allSatisfy(d -> assertThat(d.getString("tag")).isEqualTo("shared"));
    }

    @Test
    void replacementStyleUpdateNamingGroupIdIsRefused() {
        seedBothGroups();
        assertThatThrownBy(() -> a.updateOne(null, new Document("groupID", B)))
                .isInstanceOf(TenantViolationException.class);
        assertThatThrownBy(() -> a.updateMany(null, new Document("groupID", B).append("tag", "x")))
                .isInstanceOf(TenantViolationException.class);
        assertThat(rawDocumentsOf(A)).hasSize(3);
    }

    @Test
    void updateOfAPathInsideGroupIdCannotChangeTheGroup() {
        seedBothGroups();
        for (Bson update : List.of(Updates.set("groupID.x", B), Updates.rename("groupID.x", "y"))) {
            try {
                a.updateMany(null, update);
            } catch (RuntimeException refused) {
                // refused by the guard or by the store; either way nothing may have moved
            }
        }
        assertThat(rawDocumentsOf(A)).hasSize(3);
        assertThat(rawDocumentsOf(B)).hasSize(3);
        assertThat(raw.countDocuments()).isEqualTo(6);
    }

    @Test
    void updateOfOtherFieldsNamedLikeGroupIdIsAllowed() {
        seedBothGroups();
        assertThat(a.updateMany(null, Updates.set("parentGroupID", B)).getModifiedCount())
                .isEqualTo(3);
        assertThat(a.updateMany(null, Updates.set("meta.groupID", B)).getModifiedCount())
                .isEqualTo(3);
        assertThat(rawDocumentsOf(A)).hasSize(3);
        assertThat(rawDocumentsOf(B)).hasSize(3);
    }

    // ---- deletes ----

    @Test
    void deleteOneOfAnotherGroupsDocumentByIdDeletesNothing() {
        seedBothGroups();
        ObjectId foreign = idOfAnyDocumentOf(B);
        assertThat(a.deleteOne(Filters.eq("_id", foreign)).getDeletedCount()).isZero();
        assertThat(raw.countDocuments(Filters.eq("_id", foreign))).isEqualTo(1);
    }

    @Test
    void deleteOneWithFiltersMatchingBothGroupsNeverDeletesAnotherGroupsDocument() {
        seedBothGroups();
        int deleted = 0;
        for (int i = 0; i < 10; i++) {
            Bson filter = i % 3 == 0 ? new Document() : i % 3 == 1 ? null : Filters.eq("tag", "shared");
            deleted += (int) a.deleteOne(filter).getDeletedCount();
        }
        assertThat(deleted).isEqualTo(3);
        assertThat(rawDocumentsOf(A)).isEmpty();
        assertThat(rawDocumentsOf(B)).hasSize(3);
    }

    @Test
    void deleteOneNamingAnotherGroupDeletesNothing() {
        seedBothGroups();
        assertThat(a.deleteOne(Filters.eq("groupID", B)).getDeletedCount()).isZero();
        assertThat(a.deleteOne(Filters.ne("groupID", A)).getDeletedCount()).isZero();
        assertThat(raw.countDocuments()).isEqualTo(6);
    }

    // ---- scope ----

    @Test
    void answersItsScope() {
        assertThat(a.scope()).isEqualTo(SCOPE_A);
        assertThat(b.scope()).isEqualTo(SCOPE_B);
    }

    @Test
    void refusesToBeBuiltWithoutAScope() {
        assertThatThrownBy(() -> new TenantCollection(raw, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("tenant scope");
    }

    @Test
    void updateThatRenamesAnotherFieldOntoGroupIdIsRefused() {
        a.insertOne(new Document("title", "a's doc").append("carry", B));

        assertThatThrownBy(() -> a.updateOne(null, com.mongodb.client.model.Updates.rename("carry", "groupID")))
                .isInstanceOf(TenantViolationException.class);
        assertThatThrownBy(() -> a.updateMany(null, com.mongodb.client.model.Updates.rename("carry", "groupID.x")))
                .isInstanceOf(TenantViolationException.class);
        assertThat(rawDocumentsOf(A)).hasSize(1);
        assertThat(rawDocumentsOf(B)).isEmpty();
    }

    @Test
    void findResultsOfferNoWayToReplaceTheScopedFilter() {
        seedBothGroups();

        assertThat(java.util.Arrays.stream(TenantFind.class.getMethods()).map(java.lang.reflect.Method::getName))
                .doesNotContain("filter");
        assertThat(all(a.find(null).sort(new Document("_id", 1)).skip(0).limit(100)))
                .allSatisfy(d -> assertThat(d.getString("groupID")).isEqualTo(A));
    }
}
