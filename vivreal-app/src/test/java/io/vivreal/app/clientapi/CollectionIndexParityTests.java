package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vivreal.app.support.Fixtures;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The in-memory index answers every listing exactly as the store query does, byte for byte:
 * random items with values of mixed types (text in several cases, whole and decimal numbers, numbers
 * written as text, booleans, nulls, absent fields, equal sort keys), every visibility, every sort
 * field in both directions, every kind of filter value, search, and paging over the edges — and a
 * page budget that cuts pages short. Items holding lists or media descriptors are in the mix, so
 * the store fallback and the render-time signing are compared too.
 */
class CollectionIndexParityTests extends ServerTest {

    private static final List<String> WORDS =
            List.of("Alpha", "alpha", "BETA", "gamma ray", "Delta", "épée", "x.y", "(paren)", "a+b", "Zulu");
    private static final List<String> TAGS = List.of("news", "blog", "News", "3", "true", "");

    @Autowired
    ContentTypeRepository types;

    @Autowired
    ItemRepository items;

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

    private Tenant tenant;
    private String typeId;
    private String listTypeId;
    private final Random random = new Random(20261130L);

    @BeforeEach
    void content() {
        Fixtures.User owner = fixtures.user();
        String groupId = fixtures.group(owner);
        Group group = groups.findById(groupId).orElseThrow();
        tenant = new Tenant(
                groupId,
                group.name(),
                group.scope().dbKey(),
                group.bucketName(),
                group.tier().name(),
                false);
        typeId = type(owner, groupId, "Articles");
        listTypeId = type(owner, groupId, "Listed");
        TenantScope scope = TenantScope.of(tenant);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 160; i++) {
            items.items(scope).insertOne(randomItem(typeId, base, i, false));
        }
        for (int i = 0; i < 40; i++) {
            items.items(scope).insertOne(randomItem(listTypeId, base, i, true));
        }
    }

    @Test
    void everyOperatorSortAndPageAnswersAsTheStoreQueryDoes() {
        CollectionIndex index = index(64L << 20);
        ContentReader indexed = reader(index, 2 * 1024 * 1024);
        ContentReader scanned = reader(null, 2 * 1024 * 1024);
        long answersBefore = index.answers();
        int compared = compareRandomQueries(indexed, scanned, typeId, 400);
        assertThat(index.answers() - answersBefore)
                .as("the index answered the queries on a type without lists")
                .isEqualTo(compared);

        // a type with list values: the fields holding lists go to the store, the rest stay indexed
        compareRandomQueries(indexed, scanned, listTypeId, 150);
        assertThat(index.holds(tenant.groupID(), listTypeId)).isTrue();
    }

    @Test
    void pagesCutShortByTheByteBudgetAreCutAtTheSameItem() {
        ContentReader indexed = reader(index(64L << 20), 1500);
        ContentReader scanned = reader(null, 1500);
        compareRandomQueries(indexed, scanned, typeId, 60);
    }

    private int compareRandomQueries(ContentReader indexed, ContentReader scanned, String type, int count) {
        List<String> sorts = List.of(
                "createdAt",
                "updatedAt",
                "publishDate",
                "title",
                "rating",
                "price",
                "featured",
                "tag",
                "day",
                "tags",
                "nothing");
        ItemFinder.Visibility[] visibilities = ItemFinder.Visibility.values();
        for (int q = 0; q < count; q++) {
            Map<String, String[]> parameters = new LinkedHashMap<>();
            if (random.nextInt(4) > 0) {
                parameters.put("sort", new String[] {
                    sorts.get(random.nextInt(sorts.size())) + (random.nextBoolean() ? ":asc" : ":desc")
                });
            }
            if (random.nextInt(3) == 0) {
                parameters.put("filters[tag]", new String[] {TAGS.get(random.nextInt(TAGS.size()))});
            }
            if (random.nextInt(4) == 0) {
                parameters.put("filters[rating]", new String[] {
                    List.of("3", "3.0", "2.5", "-1", "x", "007").get(random.nextInt(6))
                });
            }
            if (random.nextInt(5) == 0) {
                parameters.put("filters[featured]", new String[] {random.nextBoolean() ? "true" : "false"});
            }
            if (random.nextInt(8) == 0) {
                parameters.put("filters[tags]", new String[] {"red"});
            }
            if (random.nextInt(8) == 0) {
                parameters.put("filters[missing]", new String[] {"1"});
            }
            if (random.nextInt(3) == 0) {
                String word = WORDS.get(random.nextInt(WORDS.size()));
                int from = random.nextInt(word.length());
                String part = word.substring(from, from + 1 + random.nextInt(word.length() - from));
                parameters.put("search", new String[] {random.nextBoolean() ? part.toUpperCase() : part});
            }
            int limit = List.of(1, 5, 20, 100).get(random.nextInt(4));
            parameters.put("limit", new String[] {String.valueOf(limit)});
            int skip = List.of(0, 0, 1, 19, 20, 39, 80, 159, 160, 500).get(random.nextInt(10));
            parameters.put("skip", new String[] {String.valueOf(skip)});
            ItemQuery query = ItemQuery.parse(parameters);
            ItemFinder.Visibility visibility = visibilities[random.nextInt(visibilities.length)];
            ObjectId collectionId = new ObjectId(type);
            String expected = new String(
                    scanned.collectionObjects(tenant, collectionId, query, visibility), StandardCharsets.UTF_8);
            String actual = new String(
                    indexed.collectionObjects(tenant, collectionId, query, visibility), StandardCharsets.UTF_8);
            assertThat(actual).as("%s %s", visibility, describe(parameters)).isEqualTo(expected);
        }
        return count;
    }

    private Document randomItem(String type, Instant base, int i, boolean withLists) {
        Document value = new Document();
        if (random.nextInt(10) > 0) {
            value.append("title", WORDS.get(random.nextInt(WORDS.size())) + " " + random.nextInt(5));
        }
        if (random.nextInt(8) > 0) {
            value.append(
                    "body", random.nextBoolean() ? "Long text about " + WORDS.get(random.nextInt(WORDS.size())) : "");
        }
        switch (random.nextInt(7)) {
            case 0 -> value.append("rating", random.nextInt(5));
            case 1 -> value.append("rating", (long) random.nextInt(5) - 1);
            case 2 -> value.append("rating", random.nextInt(6) / 2.0);
            case 3 -> value.append("rating", String.valueOf(random.nextInt(5)));
            case 4 -> value.append("rating", null);
            case 5 -> value.append("rating", 7L);
            default -> {
                // absent
            }
        }
        if (random.nextBoolean()) {
            value.append("price", random.nextInt(1000) / 100.0);
        }
        switch (random.nextInt(4)) {
            case 0 -> value.append("featured", true);
            case 1 -> value.append("featured", false);
            case 2 -> value.append("featured", "true");
            default -> {
                // absent
            }
        }
        value.append("tag", TAGS.get(random.nextInt(TAGS.size())));
        if (random.nextBoolean()) {
            value.append("day", "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
        }
        if (random.nextInt(10) == 0) {
            value.append(
                    "cover",
                    new Document("key", "media/" + new ObjectId().toHexString() + ".png")
                            .append("name", "cover.png")
                            .append("type", "image/png"));
        }
        if (withLists && random.nextBoolean()) {
            value.append(
                    "tags",
                    random.nextBoolean() ? List.of("red", "blue") : List.of(WORDS.get(random.nextInt(WORDS.size()))));
        }
        if (withLists && random.nextInt(4) == 0) {
            value.append("title", List.of("Alpha", "beta"));
        }
        Date created = Date.from(base.plus(Duration.ofMinutes(random.nextInt(40))));
        Date publish = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> Date.from(Instant.now().plus(Duration.ofDays(1 + random.nextInt(30))));
            default -> Date.from(base.plus(Duration.ofHours(random.nextInt(50))));
        };
        return new Document("_id", new ObjectId())
                .append("collectionId", type)
                .append("objectValue", value)
                .append("publishDate", publish)
                .append("archived", random.nextInt(6) == 0)
                .append("version", 1L + random.nextInt(3))
                .append("createdAt", created)
                .append("updatedAt", Date.from(created.toInstant().plus(Duration.ofSeconds(random.nextInt(3)))))
                .append("createdBy", "u" + i)
                .append("updatedBy", "u" + i);
    }

    private String type(Fixtures.User owner, String groupId, String name) {
        var created = http.post(
                "/api/groups/" + groupId + "/content-types",
                Map.of(
                        "name",
                        name,
                        "fields",
                        List.of(
                                Map.of("name", "title", "type", "text"),
                                Map.of("name", "body", "type", "longText"),
                                Map.of("name", "tag", "type", "text"),
                                Map.of("name", "rating", "type", "integer"),
                                Map.of("name", "price", "type", "decimal"),
                                Map.of("name", "featured", "type", "boolean"),
                                Map.of("name", "day", "type", "date"))),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    private CollectionIndex index(long maxBytes) {
        return new CollectionIndex(
                items,
                listingPermits,
                maxBytes,
                maxBytes,
                2,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                Ticker.systemTicker());
    }

    private ContentReader reader(CollectionIndex index, int pageMaxBytes) {
        return new ContentReader(types, items, store, finder, signer, pageMaxBytes, index, clock);
    }

    private static String describe(Map<String, String[]> parameters) {
        List<String> parts = new ArrayList<>();
        parameters.forEach((name, values) -> parts.add(name + "=" + values[0]));
        return String.join("&", parts);
    }
}
