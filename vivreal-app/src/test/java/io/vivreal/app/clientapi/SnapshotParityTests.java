package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Client API answers published listings from an in-memory snapshot of the type; the
 * Management API answers the same query from the store. Both must list the same items in the same
 * order for every query shape — filters, search, sorts over mixed and missing values, paging.
 */
class SnapshotParityTests extends ServerTest {

    @Test
    void inMemoryPagesMatchTheStoreQueryForEveryQueryShape() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        String type = http.post(
                        "/api/groups/" + group + "/content-types",
                        Map.of(
                                "name",
                                "Mixed",
                                "fields",
                                List.of(
                                        Map.of("name", "title", "type", "text"),
                                        Map.of("name", "rating", "type", "integer"),
                                        Map.of("name", "price", "type", "decimal"),
                                        Map.of("name", "live", "type", "boolean"),
                                        Map.of(
                                                "name",
                                                "genre",
                                                "type",
                                                "enum",
                                                "options",
                                                List.of("drama", "comedy")))),
                        owner.auth())
                .json()
                .get("_id")
                .asString();
        String items = "/api/groups/" + group + "/content-types/" + type + "/items";
        for (int i = 0; i < 24; i++) {
            Map<String, Object> value = new HashMap<>();
            if (i % 5 != 0) {
                value.put("title", (i % 2 == 0 ? "Night " : "matinee ") + i);
            }
            if (i % 4 != 0) {
                value.put("rating", i % 6);
            }
            if (i % 3 == 0) {
                value.put("price", i * 1.5);
            }
            value.put("live", i % 2 == 0);
            if (i % 7 != 0) {
                value.put("genre", i % 3 == 0 ? "comedy" : "drama");
            }
            Map<String, Object> body = new HashMap<>();
            body.put("objectValue", value);
            body.put(
                    "publishDate",
                    i % 8 == 7
                            ? null
                            : Instant.parse("2026-01-01T00:00:00Z")
                                    .plusSeconds(3600L * (i % 5))
                                    .toString());
            body.put("archived", i == 11);
            assertThat(http.post(items, body, owner.auth()).status()).isEqualTo(201);
        }
        List<String> queries = List.of(
                "",
                "&sort=rating:asc",
                "&sort=rating:desc",
                "&sort=price:asc",
                "&sort=title:asc",
                "&sort=title:desc",
                "&sort=publishDate:desc",
                "&sort=createdAt:asc",
                "&sort=live:desc",
                "&filters%5Bgenre%5D=drama",
                "&filters%5Brating%5D=3",
                "&filters%5Blive%5D=true",
                "&filters%5Bprice%5D=9",
                "&search=night",
                "&search=MATINEE&sort=rating:desc",
                "&filters%5Bgenre%5D=comedy&sort=price:desc&limit=3&skip=1",
                "&limit=5&skip=5&sort=rating:asc",
                "&filters%5Btitle%5D=Night%2010");

        for (String query : queries) {
            Http.Response fromSnapshot =
                    http.get("/tenant/collectionObjects?collectionId=" + type + query, "Authorization", key);
            Http.Response fromStore = http.get(items + "?status=published" + query, owner.auth());
            assertThat(fromSnapshot.status()).as(query).isEqualTo(200);
            assertThat(fromStore.status()).as(query).isEqualTo(200);
            assertThat(ids(fromSnapshot.json().get("data"))).as(query).isEqualTo(ids(fromStore.json()));
            assertThat(fromSnapshot.json().get("data").get("totalCount").asLong())
                    .as(query)
                    .isEqualTo(fromStore.json().get("totalCount").asLong());
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("_id").asString()));
        return ids;
    }
}
