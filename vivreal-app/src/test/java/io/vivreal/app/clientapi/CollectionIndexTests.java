package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import io.vivreal.authorizer.Tenant;
import io.vivreal.clientapi.content.CollectionIndex;
import io.vivreal.clientapi.content.ContentReader;
import io.vivreal.content.items.ItemFinder;
import io.vivreal.content.items.ItemQuery;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.media.MediaSigner;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.load.QueryPermits;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The in-memory index of content types in the running server: current after this instance's
 * writes at once and after other instances' writes (straight to the store, no event) within its
 * check interval; scheduled items appear on time; another group's type id finds nothing; and the
 * byte bound is shared fairly — one group's large types evict only that group's indexes, a type
 * larger than a group's share is not indexed, and every answer stays the store query's.
 */
class CollectionIndexTests extends ServerTest {

    @Autowired
    CollectionIndex serverIndex;

    @Autowired
    ItemRepository items;

    @Autowired
    ContentTypeRepository types;

    @Autowired
    TenantStore store;

    @Autowired
    ItemFinder finder;

    @Autowired
    MediaSigner signer;

    @Autowired
    QueryPermits listingPermits;

    @Autowired
    GroupRepository groups;

    @Autowired
    Clock clock;

    @Test
    void thisInstancesWritesShowOnTheNextRequest() {
        ContentFixtures content = new ContentFixtures(http);
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        String type = content.contentType(owner, group, "News");
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String first = content.item(owner, group, type, "First", past, false, 1);
        content.item(owner, group, type, "Second", past, false, 2);
        assertThat(list(key, type).get("totalCount").asLong()).isEqualTo(2);
        assertThat(serverIndex.holds(group, type))
                .as("built on the first listing")
                .isTrue();

        String itemPath = "/api/groups/" + group + "/content-types/" + type + "/items/";
        assertThat(http.put(
                                itemPath + first,
                                Map.of("objectValue", Map.of("title", "First, edited", "rating", 5)),
                                owner.auth())
                        .status())
                .isEqualTo(200);
        JsonNode afterEdit = list(key, type, "&filters[rating]=5");
        assertThat(afterEdit.get("totalCount").asLong()).isEqualTo(1);
        assertThat(afterEdit.get("items").get(0).get("objectValue").get("title").asString())
                .isEqualTo("First, edited");

        String third = content.item(owner, group, type, "Third", past, false, 3);
        assertThat(titles(list(key, type, "&sort=title:asc"))).containsExactly("First, edited", "Second", "Third");

        assertThat(http.delete(itemPath + third, owner.auth()).status()).isEqualTo(204);
        assertThat(titles(list(key, type, "&sort=title:asc"))).containsExactly("First, edited", "Second");
        assertThat(serverIndex.holds(group, type))
                .as("kept current, not dropped")
                .isTrue();
    }

    @Test
    void otherInstancesWritesShowWithinTheCheckInterval() {
        ContentFixtures content = new ContentFixtures(http);
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        String type = content.contentType(owner, group, "Shared");
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String first = content.item(owner, group, type, "First", past, false, 1);
        assertThat(list(key, type).get("totalCount").asLong()).isEqualTo(1);
        assertThat(serverIndex.holds(group, type)).isTrue();
        TenantScope scope = groups.findById(group).orElseThrow().scope();

        // another instance's insert: straight into the store, no event on this instance
        Date now = new Date();
        items.items(scope)
                .insertOne(new Document("_id", new ObjectId())
                        .append("collectionId", type)
                        .append("objectValue", new Document("title", "From elsewhere").append("rating", 4))
                        .append("publishDate", Date.from(past))
                        .append("archived", false)
                        .append("version", 1L)
                        .append("createdAt", now)
                        .append("updatedAt", now)
                        .append("createdBy", "other")
                        .append("updatedBy", "other"));
        awaitList(key, type, "&sort=title:asc", page -> titles(page).equals(List.of("First", "From elsewhere")));

        // another instance's edit
        items.items(scope)
                .updateOne(
                        Filters.eq("_id", new ObjectId(first)),
                        Updates.combine(
                                Updates.set("objectValue.title", "First, edited elsewhere"),
                                Updates.set("version", 2L),
                                Updates.set("updatedAt", new Date())));
        awaitList(key, type, "&sort=title:asc", page -> titles(page).contains("First, edited elsewhere"));

        // another instance's delete: no updatedAt to see, the count tells
        items.items(scope).deleteOne(Filters.eq("_id", new ObjectId(first)));
        awaitList(key, type, "&sort=title:asc", page -> titles(page).equals(List.of("From elsewhere")));
    }

    @Test
    void scheduledItemsAppearOnTime() {
        ContentFixtures content = new ContentFixtures(http);
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        String type = content.contentType(owner, group, "Timed");
        content.item(owner, group, type, "Now", Instant.now().minus(Duration.ofMinutes(1)), false, 1);
        Instant soon = Instant.now().plus(Duration.ofSeconds(2));
        content.item(owner, group, type, "Soon", soon, false, 2);
        assertThat(titles(list(key, type))).containsExactly("Now");
        assertThat(serverIndex.holds(group, type)).isTrue();
        awaitList(key, type, "&sort=title:asc", page -> titles(page).equals(List.of("Now", "Soon")));
        assertThat(Instant.now()).as("not before its time").isAfterOrEqualTo(soon);
    }

    @Test
    void anotherGroupsTypeIdFindsNothingThoughItsIndexIsBuilt() {
        ContentFixtures content = new ContentFixtures(http);
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        String type = content.contentType(owner, group, "Private");
        content.item(owner, group, type, "Secret", Instant.now().minus(Duration.ofHours(1)), false, 1);
        assertThat(list(key, type).get("totalCount").asLong()).isEqualTo(1);
        assertThat(serverIndex.holds(group, type)).isTrue();

        Fixtures.User stranger = fixtures.user();
        String otherGroup = fixtures.group(stranger);
        String otherKey = fixtures.apiKey(stranger, otherGroup);
        Http.Response response = http.get("/tenant/collectionObjects?collectionId=" + type, "Authorization", otherKey);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("Secret");
        assertThat(response.json().get("data").get("totalCount").asLong()).isZero();
    }

    @Test
    void aCheckWithNothingWrittenReadsNoItemsAndAWriteElsewhereIsStillSeen() throws Exception {
        AtomicLong now = new AtomicLong();
        CollectionIndex index = index(4_000_000, 1_000_000, now::get);
        ContentReader indexed = indexed(index);
        ContentReader scanned = scanned();
        Fixtures.User owner = fixtures.user();
        Tenant tenant = tenant(fixtures.group(owner));
        String type = typeWithItems(owner, tenant, "Quiet", 5);
        compare(indexed, scanned, tenant, type);
        assertThat(index.builds()).isEqualTo(1);

        for (int check = 1; check <= 3; check++) {
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            compare(indexed, scanned, tenant, type); // finds the check due and starts it
            int expected = check;
            await(() -> index.confirmations() == expected);
        }
        assertThat(index.syncs())
                .as("no store query for the items while nothing was written")
                .isZero();
        assertThat(index.builds()).isEqualTo(1);

        // another instance's write, straight into the store: the next check reads it
        typeWithItemsIn(tenant, type, "Written elsewhere", 1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        indexed.collectionObjects(tenant, new ObjectId(type), firstPage(), ItemFinder.Visibility.PUBLISHED);
        await(() -> index.syncs() == 1);
        compare(indexed, scanned, tenant, type);
        assertThat(new String(
                        indexed.collectionObjects(
                                tenant, new ObjectId(type), firstPage(), ItemFinder.Visibility.PUBLISHED),
                        StandardCharsets.UTF_8))
                .contains("Written elsewhere");
        assertThat(index.confirmations()).isEqualTo(3);
    }

    private static ItemQuery firstPage() {
        return ItemQuery.parse(Map.of("sort", new String[] {"title:desc"}, "limit", new String[] {"7"}));
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within ten seconds").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aBigGroupsLoadLeavesASmallGroupsIndexInPlace() {
        long maxBytes = 400_000;
        CollectionIndex index = index(maxBytes, maxBytes / 2, Ticker.systemTicker());
        ContentReader indexed = indexed(index);
        ContentReader scanned = scanned();

        Fixtures.User owner = fixtures.user();
        Tenant small = tenant(fixtures.group(owner));
        String smallType = typeWithItems(owner, small, "Small", 5);
        compare(indexed, scanned, small, smallType);
        assertThat(index.holds(small.groupID(), smallType)).isTrue();

        Tenant big = tenant(fixtures.group(owner));
        List<String> bigTypes = List.of(
                typeWithItems(owner, big, "Big one", 60),
                typeWithItems(owner, big, "Big two", 80),
                typeWithItems(owner, big, "Huge", 400)); // the free tier's three types
        for (int round = 0; round < 3; round++) {
            for (String type : bigTypes) {
                compare(indexed, scanned, big, type);
            }
        }
        assertThat(index.refusals()).as("the type larger than a group's share").isPositive();
        assertThat(index.holds(big.groupID(), bigTypes.get(2))).isFalse();
        assertThat(bigTypes.subList(0, 2).stream().filter(t -> index.holds(big.groupID(), t)))
                .as("the big group keeps what fits its share")
                .hasSize(1);
        assertThat(index.holds(small.groupID(), smallType))
                .as("the small group's index stays")
                .isTrue();
        assertThat(index.weightedBytes()).isLessThanOrEqualTo(maxBytes);
        compare(indexed, scanned, small, smallType);
    }

    /** An index of its own (not the server's), with a one-second check interval and five minutes' age. */
    private CollectionIndex index(long maxBytes, long maxGroupBytes, Ticker ticker) {
        return new CollectionIndex(
                items,
                listingPermits,
                maxBytes,
                maxGroupBytes,
                2,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                ticker);
    }

    private ContentReader indexed(CollectionIndex index) {
        return new ContentReader(types, items, store, finder, signer, 2 * 1024 * 1024, index, clock);
    }

    private ContentReader scanned() {
        return new ContentReader(types, items, store, finder, signer, 2 * 1024 * 1024);
    }

    private void compare(ContentReader indexed, ContentReader scanned, Tenant tenant, String type) {
        for (String sort : List.of("title:asc", "createdAt:desc")) {
            ItemQuery query = ItemQuery.parse(Map.of("sort", new String[] {sort}, "limit", new String[] {"7"}));
            String expected = new String(
                    scanned.collectionObjects(tenant, new ObjectId(type), query, ItemFinder.Visibility.PUBLISHED),
                    StandardCharsets.UTF_8);
            assertThat(new String(
                            indexed.collectionObjects(
                                    tenant, new ObjectId(type), query, ItemFinder.Visibility.PUBLISHED),
                            StandardCharsets.UTF_8))
                    .isEqualTo(expected);
        }
    }

    private String typeWithItems(Fixtures.User owner, Tenant tenant, String name, int count) {
        String type = new ContentFixtures(http).contentType(owner, tenant.groupID(), name);
        typeWithItemsIn(tenant, type, name, count);
        return type;
    }

    private void typeWithItemsIn(Tenant tenant, String type, String name, int count) {
        Date created = Date.from(Instant.now().minus(Duration.ofDays(1)));
        for (int i = 0; i < count; i++) {
            items.items(TenantScope.of(tenant))
                    .insertOne(new Document("_id", new ObjectId())
                            .append("collectionId", type)
                            .append(
                                    "objectValue",
                                    new Document("title", name + " " + i + " " + "x".repeat(400))
                                            .append("rating", i % 5))
                            .append("publishDate", created)
                            .append("archived", false)
                            .append("version", 1L)
                            .append("createdAt", created)
                            .append("updatedAt", created)
                            .append("createdBy", "u")
                            .append("updatedBy", "u"));
        }
    }

    private Tenant tenant(String groupId) {
        Group group = groups.findById(groupId).orElseThrow();
        return new Tenant(
                groupId,
                group.name(),
                group.scope().dbKey(),
                group.bucketName(),
                group.tier().name(),
                false);
    }

    private JsonNode list(String key, String type) {
        return list(key, type, "");
    }

    private JsonNode list(String key, String type, String query) {
        Http.Response response =
                http.get("/tenant/collectionObjects?collectionId=" + type + query, "Authorization", key);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("data");
    }

    /** Polls until the page satisfies {@code done}; fails after ten seconds. */
    private JsonNode awaitList(String key, String type, String query, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode page = list(key, type, query);
        while (!done.test(page)) {
            assertThat(System.nanoTime()).as("still %s", page).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            page = list(key, type, query);
        }
        return page;
    }

    private static List<String> titles(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(item -> item.get("objectValue").get("title").asString())
                .toList();
    }
}
