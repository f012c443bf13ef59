package io.vivreal.app.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Content types: every field type, unique names, roles, quotas and safe schema changes. */
class ContentTypesTests extends ServerTest {

    private Fixtures.User owner;
    private String group;
    private String types;

    @BeforeEach
    void group() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        types = "/api/groups/" + group + "/content-types";
    }

    @Test
    void everyFieldTypeCanBeDeclared() {
        List<Map<String, Object>> fields = List.of(
                Map.of("name", "title", "type", "text", "required", true),
                Map.of("name", "body", "type", "longText"),
                Map.of("name", "slug", "type", "slug"),
                Map.of("name", "genre", "type", "enum", "options", List.of("drama", "comedy")),
                Map.of("name", "tags", "type", "list", "items", Map.of("type", "text")),
                Map.of("name", "seats", "type", "integer"),
                Map.of("name", "price", "type", "decimal"),
                Map.of("name", "soldOut", "type", "boolean"),
                Map.of("name", "opens", "type", "date"),
                Map.of("name", "startsAt", "type", "dateTime"),
                Map.of("name", "doors", "type", "time"),
                Map.of("name", "poster", "type", "image"),
                Map.of("name", "programme", "type", "file"),
                Map.of("name", "trailer", "type", "video"));

        Http.Response created =
                http.post(types, Map.of("name", "Shows", "fields", fields, "acceptsSubmissions", true), owner.auth());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode type = created.json();
        assertThat(type.get("_id").asString()).matches("[0-9a-f]{24}");
        assertThat(type.get("fields").size()).isEqualTo(14);
        assertThat(type.get("fields").get(3).get("options").toString()).contains("drama", "comedy");
        assertThat(type.get("fields").get(4).get("items").get("type").asString())
                .isEqualTo("text");
        assertThat(type.get("acceptsSubmissions").asBoolean()).isTrue();
        assertThat(http.get(types + "/" + type.get("_id").asString(), owner.auth())
                        .json())
                .isEqualTo(type);
    }

    @Test
    void invalidSchemasReportEveryProblemWithItsPath() {
        Http.Response response = http.post(
                types,
                Map.of(
                        "name",
                        "Bad",
                        "fields",
                        List.of(
                                Map.of("name", "$where", "type", "text"),
                                Map.of("name", "a.b", "type", "text"),
                                Map.of("name", "genre", "type", "enum"),
                                Map.of("name", "tags", "type", "list"),
                                Map.of("name", "x", "type", "color"),
                                Map.of("name", "x", "type", "text"))),
                owner.auth());

        assertThat(response.status()).isEqualTo(400);
        JsonNode errors = response.json().get("errors");
        assertThat(errors.toString())
                .contains(
                        "fields[0].name",
                        "fields[1].name",
                        "fields[2].options",
                        "fields[3].items",
                        "fields[4].type",
                        "fields[5].name");
        assertThat(http.get(types, owner.auth()).json().size()).isZero();
    }

    @Test
    void namesAreUniquePerGroupWhateverTheirCase() {
        assertThat(http.post(types, Map.of("name", "Shows"), owner.auth()).status())
                .isEqualTo(201);

        Http.Response again = http.post(types, Map.of("name", "SHOWS"), owner.auth());

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).isEqualTo("name_taken");
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        assertThat(http.post("/api/groups/" + otherGroup + "/content-types", Map.of("name", "Shows"), other.auth())
                        .status())
                .isEqualTo(201);
    }

    @Test
    void editorsMayNotChangeSchemasAndOutsidersSeeNothing() {
        Fixtures.User editor = fixtures.user();
        Fixtures.User outsider = fixtures.user();
        fixtures.addMember(owner, group, editor, "editor");
        String type = new ContentFixtures(http).contentType(owner, group, "Shows");

        assertThat(http.post(types, Map.of("name", "Mine"), editor.auth()).status())
                .isEqualTo(403);
        assertThat(http.put(types + "/" + type, Map.of("name", "Renamed"), editor.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.delete(types + "/" + type, editor.auth()).status()).isEqualTo(403);
        assertThat(http.get(types, editor.auth()).status()).isEqualTo(200);
        assertThat(http.get(types, outsider.auth()).status()).isEqualTo(404);
        assertThat(http.get(types + "/" + type, outsider.auth()).status()).isEqualTo(404);
    }

    @Test
    void theTierLimitsContentTypes() {
        for (int i = 0; i < 3; i++) {
            assertThat(http.post(types, Map.of("name", "Type " + i), owner.auth())
                            .status())
                    .isEqualTo(201);
        }

        Http.Response fourth = http.post(types, Map.of("name", "Type 3"), owner.auth());

        assertThat(fourth.status()).isEqualTo(402);
        assertThat(fourth.json().get("error").asString()).isEqualTo("quota_exceeded");
        assertThat(fourth.json().get("field").asString()).isEqualTo("contentTypes");
        assertThat(fourth.json().get("message").asString()).contains("free", "3");
        String first = http.get(types, owner.auth()).json().get(0).get("_id").asString();
        assertThat(http.delete(types + "/" + first, owner.auth()).status()).isEqualTo(204);
        assertThat(http.post(types, Map.of("name", "Type 3"), owner.auth()).status())
                .isEqualTo(201);
    }

    @Test
    void concurrentDeletesOfOneTypeReleaseItsQuotaOnce() throws Exception {
        String doomed = http.post(types, Map.of("name", "Doomed"), owner.auth())
                .json()
                .get("_id")
                .asString();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        List<java.util.concurrent.Future<Integer>> deletes = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            deletes.add(pool.submit(
                    () -> http.delete(types + "/" + doomed, owner.auth()).status()));
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> delete : deletes) {
            statuses.add(delete.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(204, 404);
        assertThat(statuses).filteredOn(status -> status == 204).hasSize(1);
        assertThat(http.get("/api/groups/" + group + "/usage", owner.auth())
                        .json()
                        .get("quotas")
                        .get("contentTypes")
                        .get("used")
                        .asLong())
                .isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(http.post(types, Map.of("name", "Type " + i), owner.auth())
                            .status())
                    .isEqualTo(201);
        }
        assertThat(http.post(types, Map.of("name", "Type 3"), owner.auth()).status())
                .isEqualTo(402);
    }

    @Test
    void removingOrRetypingAUsedFieldIsRefusedUnlessForced() {
        ContentFixtures content = new ContentFixtures(http);
        String type = content.contentType(owner, group, "Shows");
        content.item(owner, group, type, "One", Instant.now(), false, 4);
        content.item(owner, group, type, "Two", Instant.now(), false, 2);
        Map<String, Object> withoutRating = Map.of(
                "name",
                "Shows",
                "fields",
                List.of(
                        Map.of("name", "title", "type", "text", "required", true),
                        Map.of("name", "featured", "type", "boolean")));
        Map<String, Object> ratingAsText = Map.of(
                "name",
                "Shows",
                "fields",
                List.of(
                        Map.of("name", "title", "type", "text", "required", true),
                        Map.of("name", "rating", "type", "text"),
                        Map.of("name", "featured", "type", "boolean")));

        for (Map<String, Object> change : List.of(withoutRating, ratingAsText)) {
            Http.Response refused = http.put(types + "/" + type, change, owner.auth());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").asString()).isEqualTo("schema_conflict");
            assertThat(refused.json().get("field").asString()).isEqualTo("fields.rating");
            assertThat(refused.json().get("message").asString()).contains("2 items", "force=true");
        }
        assertThat(http.get(types + "/" + type, owner.auth())
                        .json()
                        .get("fields")
                        .size())
                .isEqualTo(3);

        Http.Response forced = http.put(types + "/" + type + "?force=true", withoutRating, owner.auth());

        assertThat(forced.status()).isEqualTo(200);
        JsonNode items =
                http.get(types + "/" + type + "/items", owner.auth()).json().get("items");
        for (JsonNode item : items) {
            assertThat(item.get("objectValue").has("rating")).isFalse();
        }
    }

    @Test
    void addingAFieldOrAnEnumOptionIsAlwaysFine() {
        String type = http.post(
                        types,
                        Map.of(
                                "name",
                                "Shows",
                                "fields",
                                List.of(Map.of("name", "genre", "type", "enum", "options", List.of("drama")))),
                        owner.auth())
                .json()
                .get("_id")
                .asString();
        http.post(types + "/" + type + "/items", Map.of("objectValue", Map.of("genre", "drama")), owner.auth());

        Http.Response widened = http.put(
                types + "/" + type,
                Map.of(
                        "name",
                        "Shows",
                        "fields",
                        List.of(
                                Map.of("name", "genre", "type", "enum", "options", List.of("drama", "comedy")),
                                Map.of("name", "venue", "type", "text"))),
                owner.auth());
        Http.Response narrowed = http.put(
                types + "/" + type,
                Map.of(
                        "name",
                        "Shows",
                        "fields",
                        List.of(Map.of("name", "genre", "type", "enum", "options", List.of("comedy")))),
                owner.auth());

        assertThat(widened.status()).as(widened.body()).isEqualTo(200);
        assertThat(narrowed.status()).isEqualTo(409);
    }

    @Test
    void deletingATypeWithItemsNeedsForceAndFreesTheQuota() {
        ContentFixtures content = new ContentFixtures(http);
        String type = content.contentType(owner, group, "Shows");
        content.item(owner, group, type, "One", null, false, 1);

        assertThat(http.delete(types + "/" + type, owner.auth()).status()).isEqualTo(409);
        assertThat(http.delete(types + "/" + type + "?force=true", owner.auth()).status())
                .isEqualTo(204);

        assertThat(http.get(types + "/" + type, owner.auth()).status()).isEqualTo(404);
        JsonNode usage =
                http.get("/api/groups/" + group + "/usage", owner.auth()).json().get("quotas");
        assertThat(usage.get("contentItems").get("used").asLong()).isZero();
        assertThat(usage.get("contentTypes").get("used").asLong()).isZero();
    }
}
