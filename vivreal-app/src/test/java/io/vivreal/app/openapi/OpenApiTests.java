package io.vivreal.app.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document is complete (every route the application registers is in it, so a new
 * route cannot be forgotten) and true (answers recorded from real calls validate against the
 * shapes it declares, with a JSON Schema 2020-12 validator).
 */
class OpenApiTests extends ServerTest {

    /** Handlers that are not API: the portal's HTML pages, the error fallback and the document itself. */
    private static final Set<String> NOT_API = Set.of(
            "PortalPages",
            "JsonErrorController",
            "OpenApiWebMvcResource",
            "SwaggerConfigResource",
            "SwaggerWelcomeWebMvc",
            "SwaggerUiHome");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private JsonNode document;

    @BeforeEach
    void load() {
        Http.Response answer = http.get("/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        document = answer.json();
    }

    @Test
    void everyRegisteredRouteIsInTheDocument() {
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            if (NOT_API.contains(entry.getValue().getBeanType().getSimpleName())) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            for (String pattern : info.getPatternValues()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    checked++;
                    JsonNode path = document.get("paths").get(pattern);
                    if (path == null || path.get(method.name().toLowerCase(Locale.ROOT)) == null) {
                        missing.add(method + " " + pattern);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(60);
        assertThat(missing).as("routes missing from /openapi.json").isEmpty();
        assertThat(document.get("openapi").asString()).startsWith("3.1");
        assertThat(document.get("paths").has("/error")).isFalse();
        assertThat(document.toString()).doesNotContain("#/components/schemas/Caller", "#/components/schemas/Tenant");
        // the fixed contracts are described, not just inferred
        JsonNode collectionObjects = document.at("/paths/~1tenant~1collectionObjects/get");
        assertThat(collectionObjects
                        .at("/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/ClientPage");
        assertThat(collectionObjects.get("parameters").toString()).contains("collectionId", "filters[field]");
        assertThat(collectionObjects.at("/security/0").has("apiKey")).isTrue();
        assertThat(document.at("/paths/~1api~1groups/get/security/0").has("idToken"))
                .isTrue();
        assertThat(document.at("/components/schemas/ApiError/required/0").asString())
                .isEqualTo("error");
    }

    @Test
    void recordedAnswersMatchTheirDeclaredShapes() {
        List<Recorded> answers = new ArrayList<>();
        Fixtures.User owner = fixtures.user();
        String group = record(
                        answers,
                        "POST",
                        "/api/groups",
                        http.post("/api/groups", Map.of("name", "Shapes"), owner.auth()))
                .json()
                .get("groupID")
                .asString();
        String key = record(
                        answers,
                        "GET",
                        "/api/groups/{groupID}/api-key",
                        http.get("/api/groups/" + group + "/api-key", owner.auth()))
                .json()
                .get("apiKey")
                .asString();
        record(answers, "GET", "/api/groups", http.get("/api/groups", owner.auth()));
        record(answers, "GET", "/api/groups/{groupID}", http.get("/api/groups/" + group, owner.auth()));
        String type = record(
                        answers,
                        "POST",
                        "/api/groups/{groupID}/content-types",
                        http.post(
                                "/api/groups/" + group + "/content-types",
                                Map.of(
                                        "name",
                                        "Shows",
                                        "fields",
                                        List.of(Map.of("name", "title", "type", "text", "required", true))),
                                owner.auth()))
                .json()
                .get("_id")
                .asString();
        record(
                answers,
                "GET",
                "/api/groups/{groupID}/content-types",
                http.get("/api/groups/" + group + "/content-types", owner.auth()));
        String items = "/api/groups/" + group + "/content-types/" + type + "/items";
        String item = record(
                        answers,
                        "POST",
                        "/api/groups/{groupID}/content-types/{typeId}/items",
                        http.post(
                                items,
                                Map.of(
                                        "objectValue",
                                        Map.of("title", "Opening night"),
                                        "publishDate",
                                        Instant.now().minusSeconds(5).toString()),
                                owner.auth()))
                .json()
                .get("_id")
                .asString();
        record(answers, "GET", "/api/groups/{groupID}/content-types/{typeId}/items", http.get(items, owner.auth()));
        record(
                answers,
                "GET",
                "/api/groups/{groupID}/content-types/{typeId}/items/{itemId}",
                http.get(items + "/" + item, owner.auth()));
        record(
                answers,
                "GET",
                "/api/groups/{groupID}/usage",
                http.get("/api/groups/" + group + "/usage?days=7", owner.auth()));
        record(
                answers,
                "GET",
                "/tenant/collectionObjects",
                http.get("/tenant/collectionObjects?collectionId=" + type, "Authorization", key));
        record(
                answers,
                "GET",
                "/tenant/preview",
                http.get("/tenant/preview?collectionId=" + type, "Authorization", key));
        record(
                answers,
                "GET",
                "/tenant/integrationObjects",
                http.get("/tenant/integrationObjects?type=bluesky", "Authorization", key));
        // refusals
        record(answers, "GET", "/tenant/collectionObjects", http.get("/tenant/collectionObjects?collectionId=" + type));
        record(
                answers,
                "GET",
                "/tenant/collectionObjects",
                http.get("/tenant/collectionObjects?collectionId=" + type, "Authorization", "vr_" + "C".repeat(49)));
        record(
                answers,
                "GET",
                "/tenant/collectionObjects",
                http.get("/tenant/collectionObjects?collectionId=" + type + "&limit=1000", "Authorization", key));
        record(
                answers,
                "POST",
                "/api/groups/{groupID}/content-types/{typeId}/items",
                http.post(items, Map.of("objectValue", Map.of("title", 42)), owner.auth()));
        record(answers, "GET", "/api/groups/{groupID}", http.get("/api/groups/0123456789abcdef01234567", owner.auth()));
        record(
                answers,
                "GET",
                "/api/groups/{groupID}/usage",
                http.get("/api/groups/" + group + "/usage?days=0", owner.auth()));
        record(
                answers,
                "POST",
                "/auth/login",
                http.post("/auth/login", Map.of("email", owner.email(), "password", "wrong one")));

        List<String> problems = new ArrayList<>();
        int specific = 0;
        for (Recorded answer : answers) {
            JsonNode responses = document.get("paths")
                    .get(answer.template())
                    .get(answer.method().toLowerCase(Locale.ROOT))
                    .get("responses");
            JsonNode declared = responses.has(Integer.toString(answer.status()))
                    ? responses.get(Integer.toString(answer.status()))
                    : responses.get("default");
            assertThat(declared).as("no response declared for " + answer).isNotNull();
            JsonNode shape = declared.at("/content/application~1json/schema");
            if (shape.isMissingNode()) {
                problems.add(answer + ": declared without a body");
                continue;
            }
            if (shape.has("$ref") || shape.has("items")) {
                specific++;
            }
            for (Error error : schema(shape).validate(Http.JSON.readTree(answer.body()))) {
                problems.add(answer + ": " + error.getMessage());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(specific)
                .as("answers checked against a declared shape, not just 'an object'")
                .isGreaterThanOrEqualTo(answers.size() - 2);
    }

    @Test
    void theValidatorRejectsAnAnswerThatBreaksTheContract() {
        JsonNode shape =
                document.at("/paths/~1tenant~1collectionObjects/get/responses/200/content/application~1json/schema");
        Schema page = schema(shape);
        JsonNode good =
                Http.JSON.readTree("{\"success\":true,\"error\":null,\"data\":{\"items\":[],\"totalCount\":0}}");
        assertThat(page.validate(good)).isEmpty();
        for (String broken : List.of(
                "{\"success\":true,\"error\":null,\"data\":{\"items\":[]}}",
                "{\"success\":true,\"data\":{\"items\":[],\"totalCount\":0}}",
                "{\"success\":true,\"error\":null,\"data\":{\"items\":[{\"_id\":\"nothex\"}],\"totalCount\":1}}")) {
            assertThat(page.validate(Http.JSON.readTree(broken))).as(broken).isNotEmpty();
        }
    }

    private record Recorded(String method, String template, int status, String body) {
        @Override
        public String toString() {
            return method + " " + template + " " + status;
        }
    }

    private static Http.Response record(
            List<Recorded> answers, String method, String template, Http.Response response) {
        answers.add(new Recorded(method, template, response.status(), response.body()));
        return response;
    }

    /** The declared shape with the document's components beside it, so its references resolve. */
    private Schema schema(JsonNode shape) {
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.get("components"));
        root.set("allOf", Http.JSON.createArrayNode().add(shape));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(root.toString());
    }
}
