package io.vivreal.app.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.media.MediaTestSupport;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /tenant/siteDetails} per the Client API contract. */
class SiteDetailsTests extends MediaTestSupport {

    private static final String NOT_FOUND = "{\"success\":false,\"data\":null,\"error\":\"NotFound\"}";

    private Fixtures.User owner;
    private String group;
    private String apiKey;
    private byte[] logo;
    private byte[] photo;
    private String logoKey;
    private String photoKey;
    private String siteId;

    @BeforeEach
    void site() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        apiKey = fixtures.apiKey(owner, group);
        logo = MediaFiles.image("png");
        photo = MediaFiles.image("jpeg");
        logoKey = uploaded(owner, group, "logo.png", "image/png", logo);
        photoKey = uploaded(owner, group, "photo.jpg", "image/jpeg", photo);
        Map<String, Object> site = SitesTests.site("Jazz Club");
        site.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(
                                Map.of("name", "tagline", "type", "text"),
                                Map.of("name", "logo", "type", "image"),
                                Map.of("name", "gallery", "type", "list", "items", Map.of("type", "image")),
                                Map.of("name", "launch", "type", "dateTime")),
                        "values",
                        Map.of(
                                "tagline",
                                "Live music nightly",
                                "logo",
                                Map.of("key", logoKey),
                                "gallery",
                                List.of(Map.of("key", photoKey), Map.of("key", logoKey)),
                                "launch",
                                "2026-05-11T12:00:00+02:00")));
        Http.Response created = http.post("/api/groups/" + group + "/sites", site, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        siteId = created.json().get("_id").asString();
    }

    private Http.Response siteDetails(String query, String key) {
        return http.get("/tenant/siteDetails" + query, "Authorization", key);
    }

    @Test
    void answersTheSiteInTheEnvelopeWithSignedMediaUrlsThatDownload() {
        Http.Response response = siteDetails("?siteId=" + siteId, apiKey);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("error").isNull()).isTrue();
        JsonNode data = body.get("data");
        List<String> keys = new ArrayList<>();
        data.propertyNames().forEach(keys::add);
        assertThat(keys)
                .containsExactly(
                        "_id",
                        "name",
                        "domainName",
                        "domainInformation",
                        "siteDetails",
                        "businessInfo",
                        "socialLinks",
                        "pages",
                        "homeSections",
                        "navigation");
        assertThat(data.get("_id").asString()).isEqualTo(siteId);
        assertThat(data.get("name").asString()).isEqualTo("Jazz Club");
        assertThat(data.get("domainName").asString()).isEqualTo("www.example.com");
        assertThat(data.get("navigation").get(0).get("href").asString()).isEqualTo("/");
        assertThat(data.get("socialLinks").get(0).get("platform").asString()).isEqualTo("instagram");

        JsonNode details = data.get("siteDetails");
        assertThat(details.get("schema").get(1).get("type").asString()).isEqualTo("image");
        JsonNode values = details.get("values");
        assertThat(values.get("tagline").asString()).isEqualTo("Live music nightly");
        assertThat(values.get("launch").asString()).isEqualTo("2026-05-11T10:00:00.000Z");
        JsonNode logoValue = values.get("logo");
        assertThat(logoValue.get("key").asString()).isEqualTo(logoKey);
        assertThat(logoValue.get("name").asString()).isEqualTo("logo.png");
        assertThat(logoValue.get("type").asString()).isEqualTo("image/png");
        String logoUrl = logoValue.get("currentFile").get("source").asString();
        assertThat(logoUrl).startsWith(http.baseUrl() + "/media/" + bucketName(owner, group) + "/" + logoKey + "?exp=");
        Download downloaded = download(relative(logoUrl));
        assertThat(downloaded.status()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(logo);

        String photoUrl =
                values.get("gallery").get(0).get("currentFile").get("source").asString();
        assertThat(download(relative(photoUrl)).body()).isEqualTo(photo);
        assertThat(values.get("gallery").get(1).get("currentFile").get("source").asString())
                .isEqualTo(logoUrl);
    }

    @Test
    void cachesWithAnEtagLikeOtherContent() {
        Http.Response first = siteDetails("?siteId=" + siteId, apiKey);
        String etag = first.header("ETag");

        Http.Response again =
                http.get("/tenant/siteDetails?siteId=" + siteId, "Authorization", apiKey, "If-None-Match", etag);

        assertThat(first.header("Cache-Control")).isEqualTo("public, s-maxage=60, max-age=0");
        assertThat(first.header("Vary")).contains("Authorization");
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void anotherGroupsSiteIdIsNotFoundAndNothingLeaks() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String otherKey = fixtures.apiKey(other, otherGroup);

        Http.Response response = siteDetails("?siteId=" + siteId, otherKey);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(NOT_FOUND);
        Http.Response withGroup = siteDetails("?siteId=" + siteId + "&groupID=" + group, otherKey);
        assertThat(withGroup.status())
                .as("a group id in the query does not choose the tenant")
                .isEqualTo(404);
        assertThat(withGroup.body()).doesNotContain("Jazz").doesNotContain(logoKey);
        Http.Response unknown = siteDetails("?siteId=0123456789abcdef01234567", apiKey);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(NOT_FOUND);
    }

    @Test
    void aMissingOrMalformedSiteIdIs400() {
        String[] bad = {
            "",
            "?siteId=",
            "?siteId=zz",
            "?siteId=" + siteId.toUpperCase(java.util.Locale.ROOT) + "0",
            "?siteId=" + encode("{\"$ne\":null}"),
            "?siteId[$ne]=null",
            "?" + encode("siteId[$ne]") + "=null",
            "?siteId=" + siteId + "&siteId=" + siteId,
            "?siteId=" + encode(siteId + "' || '1'=='1"),
        };
        for (String query : bad) {
            Http.Response response = siteDetails(query, apiKey);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("success").asBoolean()).isFalse();
            assertThat(response.json().get("data").isNull()).isTrue();
            assertThat(response.json().get("error").asString()).as(query).contains("siteId");
        }
    }

    @Test
    void theKeyIsRequired() {
        assertThat(http.get("/tenant/siteDetails?siteId=" + siteId).status()).isEqualTo(401);
        assertThat(siteDetails("?siteId=" + siteId, "vr_not-a-key").status()).isEqualTo(403);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
