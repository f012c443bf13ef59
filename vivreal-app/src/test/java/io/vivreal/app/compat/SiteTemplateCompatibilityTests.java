package io.vivreal.app.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.admin.AdminCliAccess;
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

    /** The shop as a template sells: products listed, a coupon checked, checkout, the confirmation. */
    @Test
    void stripeShopAsTheTemplateSells() {
        Map.Entry<String, io.vivreal.app.fakes.FakeStripe.Account> stripe =
                io.vivreal.app.fakes.FakeStripe.SERVER.newAccount();
        var product = stripe.getValue().product("Vinyl", "Live at the club");
        String price = stripe.getValue().price(product, 2000, "usd").get("id").asString();
        stripe.getValue().promotionCode("JAZZ10", 10.0, null, null);
        Http.Response connected = http.put(
                "/api/groups/" + group + "/payments/stripe",
                Map.of(
                        "secretKey",
                        stripe.getKey(),
                        "webhookSecret",
                        "whsec_" + io.vivreal.app.fakes.FakeStripe.token(32)),
                team.auth());
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);

        JsonNode products = data(http.get("/tenant/integrationObjects?type=stripe&limit=20", "Authorization", key));
        JsonNode vinyl = null;
        for (JsonNode item : products.get("items")) {
            if ("Vinyl".equals(item.get("objectValue").path("name").asString(""))) {
                vinyl = item;
            }
        }
        assertThat(vinyl).as(products.toString()).isNotNull();
        assertThat(vinyl.get("usingVariant").isBoolean()).isTrue();
        assertThat(vinyl.get("objectValue").get("default_price").asString()).isEqualTo(price);
        assertThat(vinyl.get("objectValue").get("price").asDouble()).isEqualTo(20.0);

        Http.Response coupon = http.post("/tenant/validateCoupon", Map.of("code", "JAZZ10"), "Authorization", key);
        assertThat(coupon.status()).as(coupon.body()).isEqualTo(200);
        assertThat(coupon.json().get("data").get("valid").asBoolean()).isTrue();

        Map<String, Object> cart = new LinkedHashMap<>();
        cart.put("products", List.of(Map.of("price", price, "quantity", 1)));
        cart.put("requiresShipping", false);
        cart.put("originUrl", "https://www.jazz.example/shop");
        Http.Response checkout = http.post("/tenant/createCheckoutSession", cart, "Authorization", key);
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        assertThat(checkout.json().get("data").asString()).startsWith("https://checkout.stripe.com/");

        String sessionId = stripe.getValue().sessions().get(0).get("id").asString();
        Http.Response unpaid = http.post(
                "/tenant/sendOrderPlacedEmail",
                Map.of("sessionId", sessionId, "siteName", "Jazz Club", "customHtml", "<p>Thanks</p>"),
                "Authorization",
                key);
        assertThat(unpaid.status()).as("not paid yet").isEqualTo(409);
        assertThat(unpaid.json().get("success").asBoolean()).isFalse();
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

    @Test
    void contactFormMailsTheTeamWithTheSignedLogoKept() {
        String team = "desk-" + System.nanoTime() + "@jazz.example";
        Http.Response configured = http.put(
                "/api/groups/" + group + "/contact-addresses", Map.of("addresses", List.of(team)), this.team.auth());
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        String logo = data(http.get("/tenant/siteDetails?siteId=" + siteId, "Authorization", key))
                .get("siteDetails")
                .get("values")
                .get("logo")
                .get("currentFile")
                .get("source")
                .asString();
        String html = "<table><tr><td><img src=\"" + logo.replace("&", "&amp;") + "\" alt=\"Jazz Club\"></td></tr>"
                + "<tr><td><p><b>Sam</b> wrote:</p><p>Is there a table for four on Friday?</p></td></tr></table>";

        Http.Response sent = http.post(
                "/tenant/sendContactEmail",
                Map.of(
                        "name", "Sam",
                        "to", team,
                        "message", "Is there a table for four on Friday?",
                        "siteName", "Jazz Club",
                        "customHtml", html),
                "Authorization",
                key);

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).isEqualTo("{\"success\":true,\"data\":null,\"error\":null}");
        io.vivreal.app.support.Outbox.Mail mail =
                fixtures.outbox().await(team, m -> m.text().contains("table for four"));
        assertThat(mail.subject()).contains("Jazz Club");
        assertThat(mail.html()).contains("<img", "Sam");
        assertThat(mail.text()).contains("Sam wrote:", "Is there a table for four on Friday?");
    }

    /** A shop's products: hyphenated field names, an object, and lists of objects holding images. */
    private String products(String posterKey) {
        assertThat(AdminCliAccess.run(DATA_DIR, "set-tier", group, "basic"))
                .as("room for a fourth content type")
                .isZero();
        String types = "/api/groups/" + group + "/content-types";
        String products = created(http.post(
                types,
                Map.of(
                        "name",
                        "Products",
                        "fields",
                        List.of(
                                Map.of("name", "name", "type", "text", "required", true),
                                Map.of("name", "filter-type", "type", "enum", "options", List.of("tops", "hats")),
                                Map.of("name", "text-primary", "type", "text"),
                                Map.of(
                                        "name",
                                        "details",
                                        "type",
                                        "object",
                                        "fields",
                                        List.of(
                                                Map.of("name", "material", "type", "text"),
                                                Map.of("name", "swatch", "type", "image"))),
                                Map.of(
                                        "name",
                                        "socialLinks",
                                        "type",
                                        "list",
                                        "items",
                                        Map.of(
                                                "type",
                                                "object",
                                                "fields",
                                                List.of(
                                                        Map.of("name", "platform", "type", "text"),
                                                        Map.of("name", "url", "type", "text")))),
                                Map.of(
                                        "name",
                                        "gallery",
                                        "type",
                                        "list",
                                        "items",
                                        Map.of(
                                                "type",
                                                "object",
                                                "fields",
                                                List.of(
                                                        Map.of("name", "caption", "type", "text"),
                                                        Map.of("name", "photo", "type", "image")))))),
                team.auth()));
        String[][] rows = {{"Tee", "tops", "b"}, {"Cap", "hats", "a"}, {"Tank", "tops", "a"}};
        for (String[] row : rows) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("name", row[0]);
            value.put("filter-type", row[1]);
            value.put("text-primary", row[2]);
            value.put("details", Map.of("material", "cotton", "swatch", Map.of("key", posterKey)));
            value.put("socialLinks", List.of(Map.of("platform", "instagram", "url", "https://instagram.com/shop")));
            value.put(
                    "gallery",
                    List.of(
                            Map.of("caption", "front", "photo", Map.of("key", posterKey)),
                            Map.of("caption", "back", "photo", Map.of("key", posterKey))));
            created(http.post(
                    types + "/" + products + "/items",
                    Map.of("objectValue", value, "publishDate", "2026-01-01T10:00:00Z"),
                    team.auth()));
        }
        return products;
    }

    @Test
    void shopFiltersByHyphenatedFieldsAndShowsNestedImagesSigned() {
        String posterKey = uploaded(team, group, "swatch.png", "image/png", poster);
        String products = products(posterKey);

        JsonNode data = data(http.get(
                "/tenant/collectionObjects?collectionId=" + products
                        + "&filters%5Bfilter-type%5D=tops&sort=text-primary:asc&limit=12",
                "Authorization",
                key));

        assertThat(data.get("totalCount").asInt()).isEqualTo(2);
        JsonNode first = data.get("items").get(0).get("objectValue");
        assertThat(first.get("_id").asString())
                .isEqualTo(data.get("items").get(0).get("_id").asString());
        assertThat(first.get("name").asString()).isEqualTo("Tank");
        assertThat(first.get("filter-type").asString()).isEqualTo("tops");
        assertThat(data.get("items").get(1).get("objectValue").get("name").asString())
                .isEqualTo("Tee");
        assertThat(first.get("details").get("material").asString()).isEqualTo("cotton");
        assertThat(first.get("socialLinks").get(0).get("platform").asString()).isEqualTo("instagram");
        assertThat(first.get("gallery").get(1).get("caption").asString()).isEqualTo("back");
        for (JsonNode media : List.of(
                first.get("details").get("swatch"),
                first.get("gallery").get(0).get("photo"),
                first.get("gallery").get(1).get("photo"))) {
            assertThat(media.get("name").asString()).isEqualTo("swatch.png");
            Download image =
                    download(relative(media.get("currentFile").get("source").asString()));
            assertThat(image.status()).isEqualTo(200);
            assertThat(image.body()).isEqualTo(poster);
        }
        Http.Response preview = http.get(
                "/tenant/preview?collectionId=" + products + "&filters%5Bfilter-type%5D=hats", "Authorization", key);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode hats = preview.json().get("data");
        assertThat(hats.get("items").get(0).get("objectValue").get("name").asString())
                .isEqualTo("Cap");
    }

    @Test
    void siteFreeFormPartsComeBackAsGivenWithMediaSignedAtDepth() {
        String logoKey = uploaded(team, group, "logo.png", "image/png", poster);
        Fixtures.User stranger = fixtures.user();
        String strangerGroup = fixtures.group(stranger);
        String foreignKey = uploaded(stranger, strangerGroup, "theirs.png", "image/png", poster);
        Map<String, Object> logo = Map.of("key", logoKey, "name", "logo.png", "type", "image/png");
        Map<String, Object> foreign = Map.of("key", foreignKey, "name", "theirs.png", "type", "image/png");
        Map<String, Object> madeUp =
                Map.of("key", "0123456789abcdef01234567.png", "name", "x.png", "type", "image/png");
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("name", "Corner Shop");
        site.put("domainName", "shop.example");
        site.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(
                                Map.of("name", "text-primary", "type", "text"),
                                Map.of("name", "surface-alt", "type", "text"),
                                Map.of(
                                        "name",
                                        "socialLinks",
                                        "type",
                                        "list",
                                        "items",
                                        Map.of(
                                                "type",
                                                "object",
                                                "fields",
                                                List.of(
                                                        Map.of("name", "platform", "type", "text"),
                                                        Map.of("name", "url", "type", "text"))))),
                        "values",
                        Map.of(
                                "text-primary",
                                "#111111",
                                "surface-alt",
                                "#f4f4f4",
                                "socialLinks",
                                List.of(Map.of("platform", "tiktok", "url", "https://tiktok.com/@shop")),
                                "pages",
                                Map.of("about", Map.of("hero", Map.of("title", "Our story", "image", logo))))));
        site.put("aboutSection", Map.of("title", "About us", "image", logo));
        site.put("hero", Map.of("headline", "Fresh daily", "background", logo, "stolen", foreign, "typed", madeUp));
        site.put("cta", Map.of("label", "Shop now", "href", "/shop"));
        site.put(
                "navigation",
                Map.of(
                        "logo",
                        logo,
                        "links",
                        List.of(Map.of("label", "Shop", "href", "/shop", "children", List.of()))));
        site.put("footer", Map.of("columns", List.of(Map.of("title", "Visit", "lines", List.of("1 Main St")))));
        site.put(
                "blocks",
                List.of(
                        Map.of("type", "gallery", "config", Map.of("images", List.of(logo, logo), "columns", 3)),
                        Map.of("type", "text", "config", Map.of("html", "<p>Hi</p>"))));
        site.put("emailPopup", Map.of("enabled", true, "delaySeconds", 5, "image", logo));
        Http.Response replaced = http.put("/api/groups/" + group + "/sites/" + siteId, site, team.auth());
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("hero").get("headline").asString()).isEqualTo("Fresh daily");

        JsonNode data = data(http.get("/tenant/siteDetails?siteId=" + siteId, "Authorization", key));

        JsonNode values = data.get("siteDetails").get("values");
        assertThat(values.get("text-primary").asString()).isEqualTo("#111111");
        assertThat(values.get("surface-alt").asString()).isEqualTo("#f4f4f4");
        assertThat(values.get("socialLinks").get(0).get("url").asString()).isEqualTo("https://tiktok.com/@shop");
        assertThat(data.get("cta").get("href").asString()).isEqualTo("/shop");
        assertThat(data.get("footer").get("columns").get(0).get("lines").get(0).asString())
                .isEqualTo("1 Main St");
        assertThat(data.get("blocks").get(0).get("config").get("columns").asInt())
                .isEqualTo(3);
        assertThat(data.get("emailPopup").get("enabled").asBoolean()).isTrue();
        assertThat(data.get("navigation").get("links").get(0).get("label").asString())
                .isEqualTo("Shop");
        List<JsonNode> signed = List.of(
                values.get("pages").get("about").get("hero").get("image"),
                data.get("aboutSection").get("image"),
                data.get("hero").get("background"),
                data.get("navigation").get("logo"),
                data.get("blocks").get(0).get("config").get("images").get(1),
                data.get("emailPopup").get("image"));
        for (JsonNode media : signed) {
            assertThat(media.get("name").asString()).isEqualTo("logo.png");
            Download image =
                    download(relative(media.get("currentFile").get("source").asString()));
            assertThat(image.status()).isEqualTo(200);
            assertThat(image.body()).isEqualTo(poster);
        }
        assertThat(data.get("hero").get("stolen").has("currentFile")).isFalse();
        assertThat(data.get("hero").get("typed").has("currentFile")).isFalse();
    }

    @Test
    void unknownRoutesWrongMethodsAndMediaTypesAnswerInTheEnvelope() {
        for (String path : List.of("/tenant/nothingHere", "/tenant", "/tenant/", "/tenant/collectionObjects/extra")) {
            Http.Response response = http.get(path, "Authorization", key);
            assertFailure(response, 404, "NotFound");
        }
        Http.Response method = http.delete("/tenant/collectionObjects?collectionId=" + shows, "Authorization", key);
        assertFailure(method, 405, "MethodNotAllowed");
        assertThat(method.header("Allow")).contains("GET");
        Http.Response put = http.put("/tenant/definedCollectionObject", Map.of(), "Authorization", key);
        assertFailure(put, 405, "MethodNotAllowed");
        Http.Response text = http.send(
                "POST",
                "/tenant/definedCollectionObject",
                "collectionId=" + reviews,
                "Authorization",
                key,
                "Content-Type",
                "text/plain");
        assertFailure(text, 415, "UnsupportedMediaType");
        Http.Response anonymous = http.get("/tenant/nothingHere");
        assertFailure(anonymous, 401, "Unauthorized");
        Http.Response management = http.get("/api/nothingHere", team.auth());
        assertThat(management.status()).isEqualTo(404);
        assertThat(management.json().has("success")).isFalse();
    }

    private static void assertFailure(Http.Response response, int status, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.size()).isEqualTo(3);
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("data").isNull()).isTrue();
        assertThat(body.get("error").asString()).isEqualTo(error);
    }
}
