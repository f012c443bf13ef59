package io.vivreal.app.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Content items: strict validation, publishing states, versions, revert, roles and quota. */
class ItemsTests extends ServerTest {

    private Fixtures.User owner;
    private String group;
    private String items;

    @BeforeEach
    void type() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        Http.Response type = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of(
                        "name",
                        "Events",
                        "fields",
                        List.of(
                                Map.of("name", "title", "type", "text", "required", true),
                                Map.of("name", "slug", "type", "slug"),
                                Map.of("name", "genre", "type", "enum", "options", List.of("drama", "comedy")),
                                Map.of("name", "tags", "type", "list", "items", Map.of("type", "integer")),
                                Map.of("name", "seats", "type", "integer"),
                                Map.of("name", "price", "type", "decimal"),
                                Map.of("name", "soldOut", "type", "boolean"),
                                Map.of("name", "opens", "type", "date"),
                                Map.of("name", "startsAt", "type", "dateTime"),
                                Map.of("name", "doors", "type", "time"),
                                Map.of("name", "poster", "type", "image"))),
                owner.auth());
        assertThat(type.status()).as(type.body()).isEqualTo(201);
        items = "/api/groups/" + group + "/content-types/"
                + type.json().get("_id").asString() + "/items";
    }

    private Http.Response create(Map<String, Object> objectValue) {
        return http.post(items, Map.of("objectValue", objectValue), owner.auth());
    }

    @Test
    void aValidItemIsStoredWithTypedValues() {
        Map<String, Object> value = new HashMap<>();
        value.put("title", "Hamlet");
        value.put("slug", "hamlet-2026");
        value.put("genre", "drama");
        value.put("tags", List.of(1, 2, 3));
        value.put("seats", 120);
        value.put("price", 12.5);
        value.put("soldOut", false);
        value.put("opens", "2026-05-11");
        value.put("startsAt", "2026-05-11T19:30:00+02:00");
        value.put("doors", "19:00");

        Http.Response created = create(value);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode stored = created.json().get("objectValue");
        assertThat(stored.get("seats").isIntegralNumber()).isTrue();
        assertThat(stored.get("price").asDouble()).isEqualTo(12.5);
        assertThat(stored.get("soldOut").isBoolean()).isTrue();
        assertThat(stored.get("startsAt").asString()).isEqualTo("2026-05-11T17:30:00.000Z");
        assertThat(created.json().get("status").asString()).isEqualTo("draft");
        assertThat(created.json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void everyViolationIsReportedAtOnceWithPathAndReason() {
        Map<String, Object> value = new HashMap<>();
        value.put("price", "12");
        value.put("soldOut", "true");
        value.put("genre", "opera");
        value.put("colour", "red");
        value.put("seats", 1.5);
        value.put("tags", List.of(1, "two"));
        value.put("slug", "Not A Slug");
        value.put("opens", "2026-13-45");
        value.put("startsAt", "2026-05-11T19:30:00");
        value.put("doors", "7pm");
        value.put("poster", Map.of("key", "nothing-uploaded.png"));

        Http.Response refused = create(value);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("validation_failed");
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode problem : refused.json().get("errors")) {
            reasons.put(problem.get("field").asString(), problem.get("reason").asString());
        }
        assertThat(reasons)
                .containsKeys(
                        "objectValue.title",
                        "objectValue.price",
                        "objectValue.soldOut",
                        "objectValue.genre",
                        "objectValue.colour",
                        "objectValue.seats",
                        "objectValue.tags[1]",
                        "objectValue.slug",
                        "objectValue.opens",
                        "objectValue.startsAt",
                        "objectValue.doors",
                        "objectValue.poster");
        assertThat(reasons.get("objectValue.title")).isEqualTo("is required");
        assertThat(reasons.get("objectValue.price")).contains("number");
        assertThat(reasons.get("objectValue.soldOut")).contains("true or false");
        assertThat(reasons.get("objectValue.genre")).contains("drama, comedy");
        assertThat(reasons.get("objectValue.colour")).isEqualTo("unknown field");
        assertThat(http.get(items, owner.auth()).json().get("totalCount").asInt())
                .isZero();
    }

    @Test
    void publishDateDecidesDraftScheduledPublishedAndIsARealDate() {
        String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        Http.Response scheduled =
                http.post(items, Map.of("objectValue", Map.of("title", "Later"), "publishDate", future), owner.auth());
        Http.Response published = http.post(
                items,
                Map.of("objectValue", Map.of("title", "Now"), "publishDate", "2026-01-01T00:00:00Z"),
                owner.auth());
        Http.Response notADate = http.post(
                items, Map.of("objectValue", Map.of("title", "Bad"), "publishDate", "tomorrow"), owner.auth());
        Http.Response noZone = http.post(
                items,
                Map.of("objectValue", Map.of("title", "Bad"), "publishDate", "2026-01-01T00:00:00"),
                owner.auth());

        assertThat(scheduled.json().get("status").asString()).isEqualTo("scheduled");
        assertThat(published.json().get("status").asString()).isEqualTo("published");
        assertThat(published.json().get("publishDate").asString()).isEqualTo("2026-01-01T00:00:00.000Z");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.json().get("field").asString()).isEqualTo("publishDate");
        assertThat(noZone.status()).isEqualTo(400);
        assertThat(http.get(items + "?status=scheduled", owner.auth())
                        .json()
                        .get("totalCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(http.get(items + "?status=published", owner.auth())
                        .json()
                        .get("totalCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(http.get(items + "?status=bogus", owner.auth()).status()).isEqualTo(400);
    }

    @Test
    void updatesKeepVersionsAndRevertRestoresOneAsANewVersion() {
        String id = create(Map.of("title", "First")).json().get("_id").asString();
        http.put(items + "/" + id, Map.of("objectValue", Map.of("title", "Second")), owner.auth());
        Http.Response third = http.put(
                items + "/" + id, Map.of("objectValue", Map.of("title", "Third"), "archived", true), owner.auth());
        assertThat(third.json().get("version").asInt()).isEqualTo(3);
        assertThat(third.json().get("status").asString()).isEqualTo("archived");

        JsonNode versions =
                http.get(items + "/" + id + "/versions", owner.auth()).json();
        assertThat(versions.size()).isEqualTo(3);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(3);
        assertThat(versions.get(0).get("action").asString()).isEqualTo("item.archived");
        assertThat(versions.get(2).get("objectValue").get("title").asString()).isEqualTo("First");

        Http.Response reverted = http.post(items + "/" + id + "/revert", Map.of("version", 1), owner.auth());

        assertThat(reverted.status()).as(reverted.body()).isEqualTo(200);
        assertThat(reverted.json().get("version").asInt()).isEqualTo(4);
        assertThat(reverted.json().get("objectValue").get("title").asString()).isEqualTo("First");
        assertThat(reverted.json().get("archived").asBoolean()).isFalse();
        assertThat(http.post(items + "/" + id + "/revert", Map.of("version", 99), owner.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.post(items + "/" + id + "/revert", Map.of("version", "1"), owner.auth())
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/api/groups/" + group + "/audit", owner.auth()).body())
                .contains("item.created", "item.updated", "item.archived", "item.reverted");
    }

    @Test
    void theFreeTierKeepsFiveVersions() {
        String id = create(Map.of("title", "v1")).json().get("_id").asString();
        for (int i = 2; i <= 8; i++) {
            http.put(items + "/" + id, Map.of("objectValue", Map.of("title", "v" + i)), owner.auth());
        }

        JsonNode versions =
                http.get(items + "/" + id + "/versions", owner.auth()).json();

        List<Integer> numbers = new ArrayList<>();
        versions.forEach(v -> numbers.add(v.get("version").asInt()));
        assertThat(numbers).containsExactly(8, 7, 6, 5, 4);
    }

    @Test
    void anEditBasedOnAStaleVersionIsRefusedSoNoEditIsLost() {
        String id = create(Map.of("title", "Original")).json().get("_id").asString();
        http.put(items + "/" + id, Map.of("objectValue", Map.of("title", "Alice's edit"), "version", 1), owner.auth());

        Http.Response bob = http.put(
                items + "/" + id, Map.of("objectValue", Map.of("title", "Bob's edit"), "version", 1), owner.auth());

        assertThat(bob.status()).isEqualTo(409);
        assertThat(bob.json().get("error").asString()).isEqualTo("stale_version");
        assertThat(http.get(items + "/" + id, owner.auth())
                        .json()
                        .get("objectValue")
                        .get("title")
                        .asString())
                .isEqualTo("Alice's edit");
    }

    @Test
    void editorsWriteViewersReadOutsidersSeeNothing() {
        Fixtures.User editor = fixtures.user();
        Fixtures.User viewer = fixtures.user();
        Fixtures.User outsider = fixtures.user();
        fixtures.addMember(owner, group, editor, "editor");
        fixtures.addMember(owner, group, viewer, "viewer");

        Http.Response byEditor = http.post(items, Map.of("objectValue", Map.of("title", "By editor")), editor.auth());
        String id = byEditor.json().get("_id").asString();

        assertThat(byEditor.status()).isEqualTo(201);
        assertThat(http.post(items, Map.of("objectValue", Map.of("title", "By viewer")), viewer.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.put(items + "/" + id, Map.of("objectValue", Map.of("title", "x")), viewer.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.delete(items + "/" + id, viewer.auth()).status()).isEqualTo(403);
        assertThat(http.get(items + "/" + id, viewer.auth()).status()).isEqualTo(200);
        assertThat(http.get(items + "/" + id, outsider.auth()).status()).isEqualTo(404);
        assertThat(http.delete(items + "/" + id, editor.auth()).status()).isEqualTo(204);
        assertThat(http.get(items + "/" + id, owner.auth()).status()).isEqualTo(404);
    }

    @Test
    void anItemIdOfAnotherGroupIsNotFound() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String otherType = http.post(
                        "/api/groups/" + otherGroup + "/content-types",
                        Map.of("name", "T", "fields", List.of(Map.of("name", "title", "type", "text"))),
                        other.auth())
                .json()
                .get("_id")
                .asString();
        String otherItem = http.post(
                        "/api/groups/" + otherGroup + "/content-types/" + otherType + "/items",
                        Map.of("objectValue", Map.of("title", "theirs")),
                        other.auth())
                .json()
                .get("_id")
                .asString();

        assertThat(http.get(items + "/" + otherItem, owner.auth()).status()).isEqualTo(404);
        assertThat(http.get("/api/groups/" + group + "/content-types/" + otherType + "/items", owner.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.put(items + "/" + otherItem, Map.of("objectValue", Map.of("title", "mine")), owner.auth())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theTierLimitsContentItems() {
        for (int i = 0; i < 100; i++) {
            assertThat(create(Map.of("title", "Item " + i)).status()).isEqualTo(201);
        }

        Http.Response over = create(Map.of("title", "One too many"));

        assertThat(over.status()).isEqualTo(402);
        assertThat(over.json().get("field").asString()).isEqualTo("contentItems");
        assertThat(http.get(items, owner.auth()).json().get("totalCount").asInt())
                .isEqualTo(100);
    }

    @Test
    void datesOutsideYearsOneToNineThousandNineHundredNinetyNineAre400NamingTheField() {
        for (String year : List.of("+999999999-01-01T00:00:00Z", "-000001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
            Http.Response value = create(Map.of("title", "Far", "startsAt", year));
            Http.Response publish =
                    http.post(items, Map.of("objectValue", Map.of("title", "Far"), "publishDate", year), owner.auth());

            assertThat(value.status()).as(value.body()).isEqualTo(400);
            assertThat(value.json().get("field").asString()).isEqualTo("objectValue.startsAt");
            assertThat(publish.status()).as(publish.body()).isEqualTo(400);
            assertThat(publish.json().get("field").asString()).isEqualTo("publishDate");
        }
        assertThat(create(Map.of("title", "Edge", "startsAt", "9999-12-31T23:59:59Z"))
                        .status())
                .isEqualTo(201);
        assertThat(http.get(items, owner.auth()).json().get("totalCount").asInt())
                .isEqualTo(1);
    }

    @Test
    void anItemLargerThanTheStoredLimitIs400AndNothingIsStored() {
        Http.Response type = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of(
                        "name",
                        "Essays",
                        "fields",
                        List.of(
                                Map.of("name", "part1", "type", "longText"),
                                Map.of("name", "part2", "type", "longText"))),
                owner.auth());
        assertThat(type.status()).as(type.body()).isEqualTo(201);
        String essays = "/api/groups/" + group + "/content-types/"
                + type.json().get("_id").asString() + "/items";
        String part = "y".repeat(150_000);

        Http.Response refused =
                http.post(essays, Map.of("objectValue", Map.of("part1", part, "part2", part)), owner.auth());
        Http.Response fits = http.post(essays, Map.of("objectValue", Map.of("part1", part)), owner.auth());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("objectValue");
        assertThat(refused.json().get("message").asString()).contains("at most 262144");
        assertThat(fits.status()).as(fits.body()).isEqualTo(201);
        assertThat(http.get(essays, owner.auth()).json().get("totalCount").asInt())
                .isEqualTo(1);
    }

    @Test
    void aBodyWithThousandsOfBadValuesGetsAShortAnswerListingTheFirstFifty() {
        List<Object> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            tags.add("not a number " + i);
        }
        Http.Response refused = create(Map.of("title", "Tags", "tags", tags));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").asString()).contains("500 fields are invalid");
        assertThat(refused.json().get("errors").size()).isEqualTo(50);
    }
}
