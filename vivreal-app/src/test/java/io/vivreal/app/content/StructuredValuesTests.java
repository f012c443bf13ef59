package io.vivreal.app.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.media.MediaTestSupport;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Field names real sites use ({@code filter-type}), {@code object} fields and lists of objects:
 * nested values are validated like top-level ones, nesting is bounded, and the item bounds (media
 * references, stored bytes) hold across every level.
 */
class StructuredValuesTests extends MediaTestSupport {

    private Fixtures.User owner;
    private String group;
    private String types;

    @BeforeEach
    void group() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        types = "/api/groups/" + group + "/content-types";
    }

    private static Map<String, Object> field(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    private static Map<String, Object> object(String name, List<?> fields) {
        return Map.of("name", name, "type", "object", "fields", fields);
    }

    private static Map<String, Object> listOfObjects(String name, List<?> fields) {
        return Map.of("name", name, "type", "list", "items", Map.of("type", "object", "fields", fields));
    }

    private String type(List<?> fields) {
        Http.Response response = http.post(types, Map.of("name", "Products", "fields", fields), owner.auth());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("_id").asString();
    }

    private Http.Response item(String type, Map<String, Object> value) {
        return http.post(types + "/" + type + "/items", Map.of("objectValue", value), owner.auth());
    }

    private static Map<String, String> problems(Http.Response refused) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("validation_failed");
        Map<String, String> reasons = new LinkedHashMap<>();
        JsonNode errors = refused.json().get("errors");
        if (errors == null) {
            reasons.put(
                    refused.json().get("field").asString(),
                    refused.json().get("message").asString());
        } else {
            errors.forEach(
                    p -> reasons.put(p.get("field").asString(), p.get("reason").asString()));
        }
        return reasons;
    }

    @Test
    void hyphenatedNamesAndNestedSchemasAreDeclaredAndShownBack() {
        String id = type(List.of(
                field("filter-type", "text"),
                field("text_primary-2", "text"),
                object(
                        "details",
                        List.of(field("surface-alt", "text"), object("size", List.of(field("eu", "integer"))))),
                listOfObjects("socialLinks", List.of(field("platform", "text"), field("url", "text")))));

        JsonNode fields = http.get(types + "/" + id, owner.auth()).json().get("fields");

        assertThat(fields.get(0).get("name").asString()).isEqualTo("filter-type");
        assertThat(fields.get(2)
                        .get("fields")
                        .get(1)
                        .get("fields")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("eu");
        assertThat(fields.get(3).get("items").get("type").asString()).isEqualTo("object");
        assertThat(fields.get(3).get("items").get("fields").get(1).get("name").asString())
                .isEqualTo("url");
    }

    @Test
    void namesOutsideTheGrammarAreRefusedAtEveryLevel() {
        List<String> bad = List.of(
                "$where",
                "a.b",
                "-lead",
                "_lead",
                "1a",
                "ｆilter", // fullwidth f
                "filter\u2010type", // a Unicode hyphen, not '-'
                "filtеr", // Cyrillic e
                "a b",
                "x".repeat(65),
                "a\u0000",
                "");
        List<Object> fields = new ArrayList<>();
        bad.forEach(name -> fields.add(field(name, "text")));
        fields.add(object("nested", List.of(field("$set", "text"), field("ok", "text"))));
        fields.add(listOfObjects("links", List.of(field("url.href", "text"))));

        Map<String, String> reasons = problems(http.post(types, Map.of("name", "Bad", "fields", fields), owner.auth()));

        for (int i = 0; i < bad.size(); i++) {
            assertThat(reasons).containsKey("fields[" + i + "].name");
        }
        assertThat(reasons.get("fields[0].name")).contains("letters, digits, _ and -");
        assertThat(reasons)
                .containsKeys(
                        "fields[" + bad.size() + "].fields[0].name",
                        "fields[" + (bad.size() + 1) + "].items.fields[0].name");
        assertThat(reasons).doesNotContainKey("fields[" + bad.size() + "].fields[1].name");
        assertThat(http.get(types, owner.auth()).json().size()).isZero();
    }

    @Test
    void objectsNestAtMostFourLevelsAndFiveHundredFieldsInAll() {
        Map<String, Object> four = object("a", List.of(object("b", List.of(object("c", List.of(field("d", "text")))))));
        assertThat(http.post(types, Map.of("name", "Four", "fields", List.of(four)), owner.auth())
                        .status())
                .isEqualTo(201);

        Map<String, Object> five = object(
                "a", List.of(object("b", List.of(object("c", List.of(object("d", List.of(field("e", "text")))))))));
        assertThat(problems(http.post(types, Map.of("name", "Five", "fields", List.of(five)), owner.auth())))
                .containsKey("fields[0].fields[0].fields[0].fields[0]");

        List<Object> wide = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<Object> inner = new ArrayList<>();
            for (int j = 0; j < 90; j++) {
                inner.add(field("f" + j, "text"));
            }
            wide.add(object("o" + i, inner));
        }
        assertThat(problems(http.post(types, Map.of("name", "Wide", "fields", wide), owner.auth()))
                        .values())
                .anyMatch(reason -> reason.contains("at most 500 fields in all"));

        assertThat(problems(http.post(
                        types,
                        Map.of(
                                "name",
                                "Empty",
                                "fields",
                                List.of(
                                        Map.of("name", "o", "type", "object"),
                                        Map.of("name", "t", "type", "text", "fields", List.of(field("x", "text"))))),
                        owner.auth())))
                .containsKeys("fields[0].fields", "fields[1].fields");
    }

    @Test
    void nestedValuesAreValidatedLikeTopLevelFields() {
        String id = type(List.of(
                field("name", "text"),
                object(
                        "details",
                        List.of(
                                Map.of("name", "material", "type", "text", "required", true),
                                field("weight-g", "integer"))),
                listOfObjects(
                        "socialLinks",
                        List.of(Map.of("name", "platform", "type", "text", "required", true), field("url", "text")))));
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("details", Map.of("weight-g", "12", "extra", 1));
        bad.put(
                "socialLinks",
                List.of(
                        Map.of("platform", "x", "$where", "1"),
                        Map.of("url", "https://a.example"),
                        "not an object",
                        Map.of("platform", Map.of("$gt", ""))));

        Map<String, String> reasons = problems(item(id, bad));

        assertThat(reasons)
                .containsKeys(
                        "objectValue.details.material",
                        "objectValue.details.weight-g",
                        "objectValue.details.extra",
                        "objectValue.socialLinks[0].$where",
                        "objectValue.socialLinks[1].platform",
                        "objectValue.socialLinks[2]",
                        "objectValue.socialLinks[3].platform");
        assertThat(reasons.get("objectValue.details.weight-g")).contains("whole number");

        Map<String, Object> good = new LinkedHashMap<>();
        good.put("name", "Tee");
        good.put("details", Map.of("material", "cotton", "weight-g", 180));
        good.put("socialLinks", List.of(Map.of("platform", "instagram", "url", "https://instagram.com/shop")));
        Http.Response created = item(id, good);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode stored = created.json().get("objectValue");
        assertThat(stored.get("details").get("weight-g").asLong()).isEqualTo(180);
        assertThat(stored.get("socialLinks").get(0).get("platform").asString()).isEqualTo("instagram");
    }

    @Test
    void theItemBoundsHoldForNestedValues() {
        String key = uploaded(owner, group, "p.png", "image/png", MediaFiles.image("png"));
        String id = type(List.of(listOfObjects(
                "gallery", List.of(field("caption", "longText"), Map.of("name", "photo", "type", "image")))));
        List<Object> photos = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            photos.add(Map.of("photo", Map.of("key", key)));
        }

        Map<String, String> tooMany = problems(item(id, Map.of("gallery", photos)));

        assertThat(tooMany.get("objectValue")).contains("201 media references");
        Http.Response twoHundred = item(id, Map.of("gallery", photos.subList(0, 200)));
        assertThat(twoHundred.status()).as(twoHundred.body()).isEqualTo(201);

        List<Object> huge = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            huge.add(Map.of("caption", "x".repeat(100_000)));
        }
        Map<String, String> tooBig = problems(item(id, Map.of("gallery", huge)));
        assertThat(tooBig.get("objectValue")).contains("bytes stored");
    }

    @Test
    void anotherGroupsUploadCannotBeNestedIntoAnItem() {
        Fixtures.User stranger = fixtures.user();
        String strangerGroup = fixtures.group(stranger);
        String theirs = uploaded(stranger, strangerGroup, "t.png", "image/png", MediaFiles.image("png"));
        String id = type(List.of(object("details", List.of(Map.of("name", "swatch", "type", "image")))));

        Map<String, String> reasons = problems(item(id, Map.of("details", Map.of("swatch", Map.of("key", theirs)))));

        assertThat(reasons).containsKey("objectValue.details.swatch");
    }

    @Test
    void changingAUsedNestedFieldIsRefusedLikeATopLevelOneAddingOneIsFine() {
        List<Object> before =
                List.of(listOfObjects("socialLinks", List.of(field("platform", "text"), field("url", "text"))));
        String id = type(before);
        Http.Response used =
                item(id, Map.of("socialLinks", List.of(Map.of("platform", "x", "url", "https://x.example"))));
        assertThat(used.status()).as(used.body()).isEqualTo(201);

        List<Object> urlRetyped =
                List.of(listOfObjects("socialLinks", List.of(field("platform", "text"), field("url", "integer"))));
        Http.Response refused =
                http.put(types + "/" + id, Map.of("name", "Products", "fields", urlRetyped), owner.auth());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("field").asString()).isEqualTo("fields.socialLinks");

        List<Object> iconAdded = List.of(listOfObjects(
                "socialLinks", List.of(field("platform", "text"), field("url", "text"), field("icon", "image"))));
        Http.Response added = http.put(types + "/" + id, Map.of("name", "Products", "fields", iconAdded), owner.auth());
        assertThat(added.status()).as(added.body()).isEqualTo(200);
    }
}
