package io.vivreal.app.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.media.MediaTestSupport;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Plays the calls an existing Vivreal site template makes against our server — the contract's
 * routes, parameters and shapes — after a team set its content up through the Management API.
 * Every field the contract names is checked, and signed media URLs are downloaded.
 */
class SiteTemplateCompatibilityTests extends MediaTestSupport {

    private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{24}");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @Autowired
    TenantStore tenantStore;

    private Fixtures.User team;
    private String group;
    private String key;
    private String shows;
    private String reviews;
    private String newsletter;
    private byte[] poster;
    private String siteId;

    @BeforeEach
    void teamSetsUpItsContent() {
        team = fixtures.user();
        group = fixtures.group(team);
        key = fixtures.apiKey(team, group);
        String types = "/api/groups/" + group + "/content-types";
        shows = created(http.post(
                types,
                Map.of(
                        "name",
                        "Shows",
                        "fields",
                        List.of(
                                Map.of("name", "title", "type", "text", "required", true),
                                Map.of("name", "genre", "type", "enum", "options", List.of("drama", "comedy")),
                                Map.of("name", "rating", "type", "integer"),
                                Map.of("name", "poster", "type", "image"))),
                team.auth()));
        reviews = created(http.post(
                types,
                Map.of(
                        "name",
                        "Reviews",
                        "acceptsSubmissions",
                        true,
                        "fields",
                        List.of(
                                Map.of("name", "author", "type", "text", "required", true),
                                Map.of("name", "stars", "type", "integer", "required", true),
                                Map.of("name", "body", "type", "longText"))),
                team.auth()));
        newsletter = created(http.post(
                types,
                Map.of(
                        "name",
                        "Newsletter",
                        "acceptsSubmissions",
                        true,
                        "fields",
                        List.of(Map.of("name", "email", "type", "text", "required", true))),
                team.auth()));
        poster = MediaFiles.image("png");
        String posterKey = uploaded(team, group, "poster.png", "image/png", poster);
        for (int i = 1; i <= 3; i++) {
            Map<String, Object> value = new HashMap<>();
            value.put("title", "Show " + i);
            value.put("genre", i == 2 ? "comedy" : "drama");
            value.put("rating", i);
            value.put("poster", Map.of("key", posterKey));
            created(http.post(
                    types + "/" + shows + "/items",
                    Map.of("objectValue", value, "publishDate", "2026-0" + i + "-01T10:00:00Z"),
                    team.auth()));
        }
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("name", "Jazz Club");
        site.put("domainName", "www.jazz.example");
        site.put("domainInformation", Map.of("verified", true));
        site.put(
                "siteDetails",
                Map.of(
                        "schema",
                                List.of(
                                        Map.of("name", "tagline", "type", "text"),
                                        Map.of("name", "logo", "type", "image")),
                        "values", Map.of("tagline", "Live music nightly", "logo", Map.of("key", posterKey))));
        site.put("businessInfo", Map.of("phone", "+1 555 0100"));
        site.put("socialLinks", List.of(Map.of("platform", "instagram", "url", "https://instagram.com/jazz")));
        site.put("pages", List.of(Map.of("slug", "about", "title", "About")));
        site.put("homeSections", List.of(Map.of("type", "hero")));
        siteId = created(http.post("/api/groups/" + group + "/sites", site, team.auth()));
        Date past = Date.from(Instant.parse("2026-02-01T00:00:00Z"));
        tenantStore
                .collection(new TenantScope(group, "general_shared"), "integrationObjects")
                .insertOne(new Document("platform", "stripe")
                        .append("objectValue", new Document("title", "Season ticket").append("price", 120.0))
                        .append("publishDate", past)
                        .append("archived", false)
                        .append("createdAt", past)
                        .append("updatedAt", past));
    }

    private static String created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("_id").asString();
    }

    private JsonNode data(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Cache-Control")).isEqualTo("public, s-maxage=60, max-age=0");
        assertThat(response.header("ETag")).isNotBlank();
        JsonNode body = response.json();
        assertThat(body.size()).isEqualTo(3);
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("error").isNull()).isTrue();
        return body.get("data");
    }

    @Test
    void showsListingAsTheTemplateRequestsIt() {
        JsonNode data = data(http.get(
                "/tenant/collectionObjects?collectionId=" + shows
                        + "&limit=10&skip=0&sort=publishDate:desc&filters%5Bgenre%5D=drama",
                "Authorization",
                key));

        assertThat(data.get("totalCount").asInt()).isEqualTo(2);
        assertThat(data.get("items").size()).isEqualTo(2);
        JsonNode first = data.get("items").get(0);
        assertThat(first.get("_id").asString()).matches(OBJECT_ID);
        assertThat(first.get("groupID").asString()).isEqualTo(group);
        assertThat(first.get("collectionObj").get("name").asString()).isEqualTo("Shows");
        assertThat(first.get("collectionObj").get("refID").asString()).isEqualTo(shows);
        assertThat(first.get("objectValue").get("title").asString()).isEqualTo("Show 3");
        assertThat(first.get("objectValue").get("rating").isIntegralNumber()).isTrue();
        assertThat(first.get("publishDate").asString()).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(first.get("createdAt").asString()).matches(ISO);
        assertThat(first.get("updatedAt").asString()).matches(ISO);
        JsonNode posterValue = first.get("objectValue").get("poster");
        assertThat(posterValue.get("name").asString()).isEqualTo("poster.png");
        assertThat(posterValue.get("type").asString()).isEqualTo("image/png");
        String source = posterValue.get("currentFile").get("source").asString();
        assertThat(source).startsWith(http.baseUrl() + "/media/");
        Download image = download(relative(source));
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).isEqualTo("image/png");
        assertThat(image.body()).isEqualTo(poster);
        assertThat(data.get("items").get(1).get("objectValue").get("title").asString())
                .isEqualTo("Show 1");
    }

    @Test
    void pagingAsTheTemplateDoesIt() {
        JsonNode page2 = data(http.get(
                "/tenant/collectionObjects?collectionId=" + shows + "&limit=2&skip=2&sort=publishDate:desc",
                "Authorization",
                "Bearer " + key));

        assertThat(page2.get("totalCount").asInt()).isEqualTo(3);
        assertThat(page2.get("items").size()).isEqualTo(1);
        assertThat(page2.get("items").get(0).get("objectValue").get("title").asString())
                .isEqualTo("Show 1");
    }

    @Test
    void integrationObjectsByType() {
        JsonNode data = data(http.get("/tenant/integrationObjects?type=stripe&limit=20", "Authorization", key));

        JsonNode item = data.get("items").get(0);
        assertThat(item.get("_id").asString()).matches(OBJECT_ID);
        assertThat(item.get("groupID").asString()).isEqualTo(group);
        assertThat(item.get("platform").asString()).isEqualTo("stripe");
        assertThat(item.get("objectValue").get("title").asString()).isEqualTo("Season ticket");
        assertThat(item.get("publishDate").asString()).isEqualTo("2026-02-01T00:00:00.000Z");
    }

    @Test
    void siteDetailsWithSignedMedia() {
        JsonNode site = data(http.get("/tenant/siteDetails?siteId=" + siteId, "Authorization", key));

        assertThat(site.get("name").asString()).isEqualTo("Jazz Club");
        assertThat(site.get("domainName").asString()).isEqualTo("www.jazz.example");
        assertThat(site.get("domainInformation").get("verified").asBoolean()).isTrue();
        assertThat(site.get("siteDetails").has("schema")).isTrue();
        assertThat(site.get("siteDetails").get("values").get("tagline").asString())
                .isEqualTo("Live music nightly");
        assertThat(site.get("businessInfo").get("phone").asString()).isEqualTo("+1 555 0100");
        assertThat(site.get("socialLinks").get(0).get("url").asString()).isEqualTo("https://instagram.com/jazz");
        assertThat(site.get("pages").get(0).get("slug").asString()).isEqualTo("about");
        assertThat(site.get("homeSections").get(0).get("type").asString()).isEqualTo("hero");
        String logo = site.get("siteDetails")
                .get("values")
                .get("logo")
                .get("currentFile")
                .get("source")
                .asString();
        Download image = download(relative(logo));
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.body()).isEqualTo(poster);
    }

    @Test
    void reviewAndNewsletterSubmissions() {
        Http.Response review = http.post(
                "/tenant/definedCollectionObject",
                Map.of(
                        "collectionId",
                        reviews,
                        "type",
                        "createReview",
                        "objectValue",
                        Map.of("author", "Sam", "stars", 5, "body", "Wonderful night")),
                "Authorization",
                key);
        Http.Response signup = http.post(
                "/tenant/definedCollectionObject",
                Map.of(
                        "collectionId",
                        newsletter,
                        "type",
                        "subscribeUser",
                        "objectValue",
                        Map.of("email", "fan@example.com")),
                "Authorization",
                key);

        for (Http.Response response : List.of(review, signup)) {
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(response.json().get("success").asBoolean()).isTrue();
            assertThat(response.json().get("error").isNull()).isTrue();
            assertThat(response.json().get("data").get("_id").asString()).matches(OBJECT_ID);
        }
        JsonNode drafts = http.get(
                        "/api/groups/" + group + "/content-types/" + reviews + "/items?status=draft", team.auth())
                .json();
        assertThat(drafts.get("totalCount").asInt()).isEqualTo(1);
        assertThat(drafts.get("items").get(0).get("objectValue").get("author").asString())
                .isEqualTo("Sam");
    }
}
