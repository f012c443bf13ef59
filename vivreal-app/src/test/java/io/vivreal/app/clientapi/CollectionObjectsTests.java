package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /tenant/collectionObjects} per the Client API contract. */
class CollectionObjectsTests extends ServerTest {

    private ContentFixtures content;
    private Fixtures.User owner;
    private String group;
    private String key;
    private String shows;

    @BeforeEach
    void content() {
        content = new ContentFixtures(http);
        owner = fixtures.user();
        group = fixtures.group(owner);
        key = fixtures.apiKey(owner, group);
        shows = content.contentType(owner, group, "Shows");
    }

    private Http.Response list(String query) {
        return http.get("/tenant/collectionObjects?collectionId=" + shows + query, "Authorization", key);
    }

    @Test
    void answersPublishedItemsInTheEnvelope() {
        Instant published = Instant.parse("2026-05-11T10:00:00Z");
        String id = content.item(owner, group, shows, "Opening night", published, false, 5);

        Http.Response response = list("");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("error").isNull()).isTrue();
        assertThat(body.get("data").get("totalCount").asInt()).isEqualTo(1);
        JsonNode item = body.get("data").get("items").get(0);
        assertThat(item.get("_id").asString()).isEqualTo(id).matches("[0-9a-f]{24}");
        assertThat(item.get("groupID").asString()).isEqualTo(group);
        assertThat(item.get("collectionObj").get("name").asString()).isEqualTo("Shows");
        assertThat(item.get("collectionObj").get("refID").asString()).isEqualTo(shows);
        assertThat(item.get("objectValue").get("title").asString()).isEqualTo("Opening night");
        assertThat(item.get("objectValue").get("rating").asInt()).isEqualTo(5);
        assertThat(item.get("publishDate").asString()).isEqualTo("2026-05-11T10:00:00.000Z");
        assertThat(item.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(item.get("updatedAt").asString()).endsWith("Z");
    }

    @Test
    void draftsScheduledAndArchivedItemsAreNotPublic() {
        content.item(owner, group, shows, "Published", Instant.now().minusSeconds(60), false, 1);
        content.item(owner, group, shows, "Draft", null, false, 1);
        content.item(owner, group, shows, "Scheduled", Instant.now().plusSeconds(3600), false, 1);
        content.item(owner, group, shows, "Archived", Instant.now().minusSeconds(60), true, 1);

        JsonNode data = list("").json().get("data");

        assertThat(data.get("totalCount").asInt()).isEqualTo(1);
        assertThat(data.get("items").get(0).get("objectValue").get("title").asString())
                .isEqualTo("Published");
    }

    @Test
    void pagesAndSorts() {
        for (int i = 1; i <= 5; i++) {
            content.item(owner, group, shows, "Show " + i, Instant.parse("2026-01-0" + i + "T00:00:00Z"), false, i);
        }

        assertThat(titles(list("&sort=publishDate:desc&limit=2"))).containsExactly("Show 5", "Show 4");
        assertThat(titles(list("&sort=publishDate:desc&limit=2&skip=2"))).containsExactly("Show 3", "Show 2");
        assertThat(titles(list("&sort=publishDate:asc&limit=1"))).containsExactly("Show 1");
        assertThat(titles(list("&sort=rating:desc&limit=1"))).containsExactly("Show 5");
        assertThat(list("&limit=2").json().get("data").get("totalCount").asInt())
                .isEqualTo(5);
        assertThat(titles(list("&skip=10"))).isEmpty();
    }

    @Test
    void defaultPageIsTwentyNewestFirst() {
        for (int i = 0; i < 25; i++) {
            content.item(owner, group, shows, "Item " + i, Instant.now().minusSeconds(100), false, 1);
        }

        List<String> titles = titles(list(""));

        assertThat(titles).hasSize(20);
        assertThat(titles.get(0)).isEqualTo("Item 24");
    }

    @Test
    void filtersMatchFieldValuesLiterally() {
        content.item(owner, group, shows, "Five", Instant.now().minusSeconds(60), false, 5);
        content.item(owner, group, shows, "Two", Instant.now().minusSeconds(60), false, 2);

        assertThat(titles(list("&filters[rating]=5"))).containsExactly("Five");
        assertThat(titles(list("&filters[featured]=true"))).containsExactly("Five");
        assertThat(titles(list("&filters[title]=Two"))).containsExactly("Two");
        Http.Response operator = list("&filters[title]=" + encode("{\"$gt\":\"\"}"));
        assertThat(operator.status()).isEqualTo(200);
        assertThat(titles(operator)).isEmpty();
    }

    @Test
    void searchIsACaseInsensitiveLiteralMatchOnTextFields() {
        content.item(owner, group, shows, "The Opening Night", Instant.now().minusSeconds(60), false, 5);
        content.item(owner, group, shows, "Matinee (.*)", Instant.now().minusSeconds(60), false, 2);

        assertThat(titles(list("&search=opening"))).containsExactly("The Opening Night");
        assertThat(titles(list("&search=" + encode("(.*)")))).containsExactly("Matinee (.*)");
        assertThat(titles(list("&search=" + encode(".*")))).containsExactly("Matinee (.*)");
    }

    @Test
    void refusesOperatorInjectionAndOutOfRangeParameters() {
        content.item(owner, group, shows, "Any", Instant.now().minusSeconds(60), false, 5);
        String[] bad = {
            "&filters[$where]=1",
            "&filters[a.b]=1",
            "&" + encode("filters[$gt]") + "=1",
            "&filters=1",
            "&sort=$natural:1",
            "&sort=publishDate:sideways",
            "&sort=a.b:asc",
            "&limit=100000",
            "&limit=0",
            "&limit=abc",
            "&skip=-1",
            "&limit=1&limit=2",
            "&search=" + "x".repeat(2000),
            "&filters[title]=" + "x".repeat(201),
            "&" + encode("filters[ｆilter]") + "=1",
            "&" + encode("filters[filter\u2010type]") + "=1",
            "&" + encode("filters[filtеr]") + "=1",
            "&" + encode("filters[-lead]") + "=1",
            "&" + encode("filters[a\u0000]") + "=1",
            "&" + encode("filters[filter-type.x]") + "=1",
            "&sort=" + encode("text-primary.$x") + ":asc",
        };
        for (String query : bad) {
            Http.Response response = list(query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("success").asBoolean()).isFalse();
            assertThat(response.json().get("error").asString()).as(query).isNotBlank();
        }
        StringBuilder thirteen = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            thirteen.append("&filters[f").append(i).append("]=1");
        }
        assertThat(list(thirteen.toString()).status()).isEqualTo(400);
    }

    @Test
    void collectionIdIsRequiredAndMustBeAnId() {
        assertThat(http.get("/tenant/collectionObjects", "Authorization", key).status())
                .isEqualTo(400);
        assertThat(http.get("/tenant/collectionObjects?collectionId=" + encode("{\"$ne\":null}"), "Authorization", key)
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/tenant/collectionObjects?collectionId=zz", "Authorization", key)
                        .json()
                        .get("error")
                        .asString())
                .contains("collectionId");
    }

    @Test
    void etagAnswers304WhenUnchanged() {
        content.item(owner, group, shows, "Cached", Instant.now().minusSeconds(60), false, 5);
        Http.Response first = list("");
        String etag = first.header("ETag");

        Http.Response again = http.get(
                "/tenant/collectionObjects?collectionId=" + shows, "Authorization", key, "If-None-Match", etag);

        assertThat(first.header("Cache-Control")).isEqualTo("public, s-maxage=60, max-age=0");
        assertThat(first.header("Vary")).contains("Authorization");
        assertThat(etag).startsWith("\"");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        content.item(owner, group, shows, "New", Instant.now().minusSeconds(60), false, 5);
        assertThat(http.get(
                                "/tenant/collectionObjects?collectionId=" + shows,
                                "Authorization",
                                key,
                                "If-None-Match",
                                etag)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void answersCarryNoCorsHeaders() {
        Http.Response response = http.get(
                "/tenant/collectionObjects?collectionId=" + shows,
                "Authorization",
                key,
                "Origin",
                "https://evil.example");

        assertThat(response.headers().keySet()).noneMatch(name -> name.startsWith("access-control-"));
        assertThat(response.headers()).doesNotContainKey("set-cookie");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private static List<String> titles(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        for (JsonNode item : response.json().get("data").get("items")) {
            titles.add(item.get("objectValue").get("title").asString());
        }
        return titles;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
