package io.vivreal.app.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.admin.AdminCliAccess;
import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.media.MediaTestSupport;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/groups/{groupID}/sites}: CRUD, strict validation with paths, roles and isolation. */
class SitesTests extends MediaTestSupport {

    private Fixtures.User owner;
    private String group;

    @BeforeEach
    void group() {
        owner = fixtures.user();
        group = fixtures.group(owner);
    }

    private String sites() {
        return "/api/groups/" + group + "/sites";
    }

    static Map<String, Object> site(String name) {
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("name", name);
        site.put("domainName", "www.example.com");
        site.put("domainInformation", Map.of("registrar", "Example Registrar", "verified", true));
        site.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(
                                Map.of("name", "tagline", "type", "text", "required", true),
                                Map.of("name", "accent", "type", "enum", "options", List.of("red", "blue")),
                                Map.of("name", "launch", "type", "dateTime")),
                        "values",
                        Map.of("tagline", "Live music nightly", "accent", "red", "launch", "2026-05-11T10:00:00Z")));
        site.put(
                "businessInfo",
                Map.of("phone", "+1 555 0100", "hours", List.of(Map.of("day", "mon", "open", "18:00"))));
        site.put(
                "socialLinks",
                List.of(
                        Map.of("platform", "instagram", "url", "https://instagram.com/example"),
                        Map.of("platform", "site", "url", "http://example.com/")));
        site.put(
                "pages", List.of(Map.of("slug", "about", "title", "About", "blocks", List.of(Map.of("type", "text")))));
        site.put("homeSections", List.of(Map.of("type", "hero"), "divider"));
        site.put(
                "navigation",
                List.of(
                        Map.of("label", "Home", "href", "/"),
                        Map.of("label", "Contact", "href", "#contact"),
                        Map.of("label", "Tickets", "href", "https://tickets.example.com/show?id=1")));
        return site;
    }

    private String created(Map<String, Object> body) {
        Http.Response response = http.post(sites(), body, owner.auth());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("_id").asString();
    }

    private List<String> problemFields(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        JsonNode errors = response.json().get("errors");
        if (errors == null) {
            fields.add(response.json().get("field").asString());
        } else {
            errors.forEach(e -> fields.add(e.get("field").asString()));
        }
        return fields;
    }

    @Test
    void createReadReplaceListAndDeleteASite() {
        Http.Response created = http.post(sites(), site("Jazz Club"), owner.auth());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode site = created.json();
        String id = site.get("_id").asString();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(site.get("name").asString()).isEqualTo("Jazz Club");
        assertThat(site.get("domainName").asString()).isEqualTo("www.example.com");
        assertThat(site.get("siteDetails").get("schema").get(0).get("name").asString())
                .isEqualTo("tagline");
        assertThat(site.get("siteDetails").get("values").get("tagline").asString())
                .isEqualTo("Live music nightly");
        assertThat(site.get("socialLinks").get(0).get("url").asString()).isEqualTo("https://instagram.com/example");
        assertThat(site.get("homeSections").get(1).asString()).isEqualTo("divider");

        JsonNode read = http.get(sites() + "/" + id, owner.auth()).json();
        assertThat(read.get("businessInfo").get("hours").get(0).get("open").asString())
                .isEqualTo("18:00");
        assertThat(read.get("navigation").size()).isEqualTo(3);

        Map<String, Object> changed = site("Jazz Club & Bar");
        changed.put("domainName", "Jazz.Example.ORG.");
        changed.put("_id", id);
        Http.Response replaced = http.put(sites() + "/" + id, changed, owner.auth());
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("domainName").asString()).isEqualTo("jazz.example.org");
        assertThat(http.get(sites() + "/" + id, owner.auth()).json().get("name").asString())
                .isEqualTo("Jazz Club & Bar");

        JsonNode list = http.get(sites(), owner.auth()).json();
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("_id").asString()).isEqualTo(id);
        assertThat(list.get(0).get("name").asString()).isEqualTo("Jazz Club & Bar");

        assertThat(http.delete(sites() + "/" + id, owner.auth()).status()).isEqualTo(204);
        assertThat(http.get(sites() + "/" + id, owner.auth()).status()).isEqualTo(404);
        assertThat(http.delete(sites() + "/" + id, owner.auth()).status()).isEqualTo(404);

        List<String> actions = new ArrayList<>();
        for (JsonNode entry :
                http.get("/api/groups/" + group + "/audit", owner.auth()).json()) {
            if (entry.get("entityType").asString().equals("site")) {
                assertThat(entry.get("entityId").asString()).isEqualTo(id);
                actions.add(entry.get("action").asString());
            }
        }
        assertThat(actions).containsExactly("site.deleted", "site.updated", "site.created");
    }

    @Test
    void onlyANameIsRequired() {
        Http.Response created = http.post(sites(), Map.of("name", "Bare"), owner.auth());

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode site = created.json();
        assertThat(site.get("domainName").isNull()).isTrue();
        assertThat(site.get("siteDetails").get("schema").size()).isZero();
        assertThat(site.get("pages").size()).isZero();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", "  ");
        bad.put("domainName", "not a host");
        bad.put("domainInformation", List.of());
        bad.put("businessInfo", Map.of("$where", "1", "a.b", 2, "ok", Map.of("$gt", "")));
        bad.put(
                "socialLinks",
                List.of(
                        Map.of("platform", "x", "url", "javascript:alert(1)"),
                        "not an object",
                        Map.of("platform", "bank", "url", "https://bank.example@evil.example/"),
                        Map.of("platform", "", "url", "https://ok.example", "extra", 1)));
        bad.put(
                "navigation",
                List.of(
                        Map.of("label", "Evil", "href", "//evil.example"),
                        Map.of("label", "Data", "href", "data:text/html,<script>alert(1)</script>"),
                        Map.of("label", "Back", "href", "/\\evil.example")));
        bad.put("pages", List.of(1));
        bad.put("homeSections", "none");
        bad.put("groupID", "0123456789abcdef01234567");

        List<String> fields = problemFields(http.post(sites(), bad, owner.auth()));

        assertThat(fields)
                .contains(
                        "name",
                        "domainName",
                        "domainInformation",
                        "businessInfo.$where",
                        "businessInfo.a.b",
                        "businessInfo.ok.$gt",
                        "socialLinks[0].url",
                        "socialLinks[1]",
                        "socialLinks[2].url",
                        "socialLinks[3].platform",
                        "socialLinks[3].extra",
                        "navigation[0].href",
                        "navigation[1].href",
                        "navigation[2].href",
                        "pages[0]",
                        "homeSections",
                        "groupID");
        assertThat(http.get(sites(), owner.auth()).json()).isEmpty();
    }

    @Test
    void siteDetailsIsCheckedAgainstItsOwnSchema() {
        Map<String, Object> badSchema = site("S");
        badSchema.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(Map.of("name", "bad name", "type", "text"), Map.of("name", "x", "type", "color"))));
        assertThat(problemFields(http.post(sites(), badSchema, owner.auth())))
                .contains("siteDetails.schema[0].name", "siteDetails.schema[1].type");

        Map<String, Object> badValues = site("S");
        badValues.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(
                                Map.of("name", "tagline", "type", "text", "required", true),
                                Map.of("name", "open", "type", "boolean"),
                                Map.of("name", "logo", "type", "image")),
                        "values",
                        Map.of("open", "false", "logo", Map.of("key", "0123456789abcdef01234567.png"), "extra", 1),
                        "theme",
                        "dark"));
        assertThat(problemFields(http.post(sites(), badValues, owner.auth())))
                .contains(
                        "siteDetails.values.tagline",
                        "siteDetails.values.open",
                        "siteDetails.values.logo",
                        "siteDetails.values.extra",
                        "siteDetails.theme");
        assertThat(http.get(sites(), owner.auth()).json()).isEmpty();
    }

    @Test
    void mediaValuesMustBeThisGroupsUploads() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String theirs = uploaded(other, otherGroup, "theirs.png", "image/png", MediaFiles.image("png"));
        String mine = uploaded(owner, group, "mine.png", "image/png", MediaFiles.image("png"));
        Map<String, Object> body = site("Media");
        body.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(Map.of("name", "logo", "type", "image")),
                        "values",
                        Map.of("logo", Map.of("key", theirs))));

        assertThat(problemFields(http.post(sites(), body, owner.auth()))).containsExactly("siteDetails.values.logo");

        body.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(Map.of("name", "logo", "type", "image")),
                        "values",
                        Map.of("logo", Map.of("key", mine))));
        Http.Response created = http.post(sites(), body, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode logo = created.json().get("siteDetails").get("values").get("logo");
        assertThat(logo.get("key").asString()).isEqualTo(mine);
        assertThat(logo.get("type").asString()).isEqualTo("image/png");
        assertThat(logo.get("name").asString()).isEqualTo("mine.png");
    }

    @Test
    void freeFormPartsAreBoundedInDepthAndSize() {
        Object nested = "leaf";
        for (int i = 0; i < 11; i++) {
            nested = Map.of("n", nested);
        }
        Map<String, Object> deep = site("Deep");
        deep.put("businessInfo", nested);
        List<String> fields = problemFields(http.post(sites(), deep, owner.auth()));
        assertThat(fields).hasSize(1);
        assertThat(fields.get(0)).startsWith("businessInfo.n.n.n.n.n.n.n.n.n");

        Object ten = "leaf";
        for (int i = 0; i < 10; i++) {
            ten = Map.of("n", ten);
        }
        Map<String, Object> deepEnough = site("Deep enough");
        deepEnough.put("businessInfo", ten);
        assertThat(http.post(sites(), deepEnough, owner.auth()).status()).isEqualTo(201);

        Map<String, Object> big = site("Big");
        big.put("pages", List.of(Map.of("html", "x".repeat(300 * 1024))));
        assertThat(problemFields(http.post(sites(), big, owner.auth()))).containsExactly("pages");
    }

    @Test
    void ownersAndAdminsWriteEditorsAndViewersOnlyReadOutsidersSeeNothing() {
        Fixtures.User admin = fixtures.user();
        Fixtures.User editor = fixtures.user();
        Fixtures.User viewer = fixtures.user();
        Fixtures.User outsider = fixtures.user();
        assertThat(AdminCliAccess.run(DATA_DIR, "set-tier", group, "basic"))
                .as("room for four members")
                .isZero();
        fixtures.addMember(owner, group, admin, "admin");
        fixtures.addMember(owner, group, editor, "editor");
        fixtures.addMember(owner, group, viewer, "viewer");
        String id = created(site("Mine"));

        assertThat(http.post(sites(), site("Admin's"), admin.auth()).status()).isEqualTo(201);
        assertThat(http.put(sites() + "/" + id, site("By admin"), admin.auth()).status())
                .isEqualTo(200);
        for (Fixtures.User reader : List.of(editor, viewer)) {
            assertThat(http.post(sites(), site("No"), reader.auth()).status()).isEqualTo(403);
            assertThat(http.put(sites() + "/" + id, site("No"), reader.auth()).status())
                    .isEqualTo(403);
            assertThat(http.delete(sites() + "/" + id, reader.auth()).status()).isEqualTo(403);
            assertThat(http.get(sites() + "/" + id, reader.auth()).status()).isEqualTo(200);
            assertThat(http.get(sites(), reader.auth()).status()).isEqualTo(200);
        }
        assertThat(http.post(sites(), site("No"), outsider.auth()).status()).isEqualTo(404);
        assertThat(http.get(sites(), outsider.auth()).status()).isEqualTo(404);
        assertThat(http.get(sites() + "/" + id, outsider.auth()).status()).isEqualTo(404);
        assertThat(http.put(sites() + "/" + id, site("No"), outsider.auth()).status())
                .isEqualTo(404);
        assertThat(http.delete(sites() + "/" + id, outsider.auth()).status()).isEqualTo(404);
        assertThat(http.get(sites() + "/" + id, owner.auth()).json().get("name").asString())
                .isEqualTo("By admin");
    }

    @Test
    void anotherGroupsSiteIdIsNotFoundFromThisGroup() {
        String id = created(site("Private"));
        Fixtures.User other = fixtures.user();
        String otherSites = "/api/groups/" + fixtures.group(other) + "/sites";

        assertThat(http.get(otherSites + "/" + id, other.auth()).status()).isEqualTo(404);
        assertThat(http.put(otherSites + "/" + id, site("Taken"), other.auth()).status())
                .isEqualTo(404);
        assertThat(http.delete(otherSites + "/" + id, other.auth()).status()).isEqualTo(404);
        assertThat(http.get(otherSites, other.auth()).json()).isEmpty();
        assertThat(http.get(sites() + "/" + id, owner.auth()).json().get("name").asString())
                .isEqualTo("Private");
        for (String malformed : new String[] {"zz", "0123456789ABCDEF0123456", "%7B%22$ne%22:null%7D"}) {
            assertThat(http.get(sites() + "/" + malformed, owner.auth()).status())
                    .as(malformed)
                    .isEqualTo(404);
        }
    }

    @Test
    void aFreeGroupHasOneSiteAndDeletingItGivesThePlaceBack() {
        Http.Response first = http.post(sites(), Map.of("name", "First"), owner.auth());
        Http.Response second = http.post(sites(), Map.of("name", "Second"), owner.auth());

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(402);
        assertThat(second.json().get("field").asString()).isEqualTo("sites");
        assertThat(http.get(sites(), owner.auth()).json().size()).isEqualTo(1);
        String id = first.json().get("_id").asString();
        assertThat(http.delete(sites() + "/" + id, owner.auth()).status()).isEqualTo(204);
        assertThat(http.delete(sites() + "/" + id, owner.auth()).status()).isEqualTo(404);
        assertThat(http.post(sites(), Map.of("name", "Second"), owner.auth()).status())
                .isEqualTo(201);
        assertThat(http.post(sites(), Map.of("name", "Third"), owner.auth()).status())
                .isEqualTo(402);
    }

    @Test
    void freeFormPartsRealTemplatesUseAreStoredAsGivenWithinBounds() {
        Map<String, Object> body = site("Parts");
        body.put("hero", Map.of("title", "Hi", "cta", Map.of("label", "Go", "href", "/go")));
        body.put("blocks", List.of(Map.of("type", "gallery", "config", Map.of("columns", 3))));
        body.put("navigation", Map.of("links", List.of(Map.of("label", "Home", "href", "/"))));
        body.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(Map.of("name", "text-primary", "type", "text")),
                        "values",
                        Map.of("text-primary", "#000", "pages", Map.of("about", Map.of("title", "About")))));
        String id = created(body);

        JsonNode read = http.get(sites() + "/" + id, owner.auth()).json();
        assertThat(read.get("hero").get("cta").get("href").asString()).isEqualTo("/go");
        assertThat(read.get("blocks").get(0).get("config").get("columns").asInt())
                .isEqualTo(3);
        assertThat(read.get("navigation").get("links").get(0).get("label").asString())
                .isEqualTo("Home");
        assertThat(read.get("siteDetails")
                        .get("values")
                        .get("pages")
                        .get("about")
                        .get("title")
                        .asString())
                .isEqualTo("About");
        assertThat(read.has("footer")).isFalse();
        http.delete(sites() + "/" + id, owner.auth());

        Object deep = "leaf";
        for (int i = 0; i < 11; i++) {
            deep = Map.of("n", deep);
        }
        Map<String, Object> bad = site("Bad parts");
        bad.put("hero", deep);
        bad.put("cta", List.of("not", "an", "object"));
        bad.put("footer", Map.of("$set", Map.of("owner", "me"), "a.b", 1, "ref", Map.of("$ref", "#/footer")));
        bad.put("blocks", List.of(Map.of("config", Map.of("html", "x".repeat(300 * 1024)))));
        bad.put("emailPopup", Map.of("n", Map.of("\u0000", 1)));
        bad.put(
                "siteDetails",
                Map.of("schema", List.of(), "values", Map.of("pages", Map.of("about", Map.of("$where", "1")))));
        bad.put("navigation", Map.of("links", Map.of("$gt", "")));
        List<String> fields = problemFields(http.post(sites(), bad, owner.auth()));
        assertThat(fields)
                .contains(
                        "cta",
                        "footer.$set",
                        "footer.a.b",
                        "footer.ref.$ref",
                        "blocks",
                        "siteDetails.values.pages.about.$where",
                        "navigation.links.$gt");
        assertThat(fields).anyMatch(field -> field.startsWith("hero.n.n.n.n.n.n.n.n.n"));
        assertThat(fields).anyMatch(field -> field.startsWith("emailPopup.n."));

        String key = uploaded(owner, group, "p.png", "image/png", MediaFiles.image("png"));
        List<Object> gallery = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            gallery.add(Map.of("key", key, "name", "p.png", "type", "image/png"));
        }
        Map<String, Object> crowded = site("Crowded");
        crowded.put("blocks", List.of(Map.of("type", "gallery", "config", Map.of("images", gallery))));
        assertThat(problemFields(http.post(sites(), crowded, owner.auth()))).containsExactly("site");
        assertThat(http.get(sites(), owner.auth()).json()).isEmpty();
    }

    @Test
    void siteSchemaNamesMayHoldHyphensButNoLookAlikesOrOperators() {
        Map<String, Object> bad = site("Look-alikes");
        bad.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(
                                Map.of("name", "text\u2010primary", "type", "text"),
                                Map.of("name", "surfacе-alt", "type", "text"),
                                Map.of("name", "$where", "type", "text"),
                                Map.of("name", "a.b", "type", "text")),
                        "values",
                        Map.of()));
        assertThat(problemFields(http.post(sites(), bad, owner.auth())))
                .containsExactlyInAnyOrder(
                        "siteDetails.schema[0].name",
                        "siteDetails.schema[1].name",
                        "siteDetails.schema[2].name",
                        "siteDetails.schema[3].name");

        Map<String, Object> good = site("Hyphens");
        good.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(
                                Map.of("name", "text-primary", "type", "text"),
                                Map.of("name", "surface-alt", "type", "text")),
                        "values",
                        Map.of("text-primary", "#111", "surface-alt", "#eee")));
        JsonNode read = http.get(sites() + "/" + created(good), owner.auth()).json();
        assertThat(read.get("siteDetails").get("values").get("surface-alt").asString())
                .isEqualTo("#eee");
    }
}
