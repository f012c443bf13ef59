package io.vivreal.app.web;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.vivreal.authorizer.Tenant;
import io.vivreal.management.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /openapi.json}: springdoc describes every route from the controllers; {@code
 * openapi/contract.json} adds what the code cannot say — the fixed contracts' answer shapes and
 * examples, the Client API's query parameters (read from the request, not from method
 * parameters), the error bodies and how each surface authenticates. A route without an entry
 * there still appears, with the shape springdoc inferred; {@code OpenApiTests} fails when a
 * registered route is missing or when a recorded answer does not match its declared shape.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // resolved from the verified context (ID token, API key), never sent as parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, Tenant.class);
    }

    @Bean
    OpenApiCustomizer vivrealContract() {
        OpenAPI contract = read("openapi/contract.json");
        JsonNode operations = readTree("openapi/contract.json").get("x-vivreal-operations");
        return openApi -> {
            openApi.setInfo(contract.getInfo());
            openApi.setServers(null);
            openApi.getPaths().remove("/error");
            openApi.getComponents().setSecuritySchemes(contract.getComponents().getSecuritySchemes());
            // inferred from Java types, which do not say what may be null: an optional property may be
            openApi.getComponents().getSchemas().values().forEach(OpenApiConfiguration::optionalMayBeNull);
            contract.getComponents().getSchemas().forEach(openApi.getComponents()::addSchemas);
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        describeSurface(path, operation);
                        JsonNode overlay = operations.get(method.name() + " " + path);
                        if (overlay != null) {
                            apply(overlay, operation);
                        }
                    }));
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void optionalMayBeNull(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, property) -> {
            Schema typed = property;
            if (!required.contains(name)
                    && typed.getTypes() != null
                    && !typed.getTypes().contains("null")) {
                java.util.Set<String> types = new java.util.LinkedHashSet<>(typed.getTypes());
                types.add("null");
                typed.setTypes(types);
            }
        });
    }

    /** How the route authenticates and what its errors look like, from its surface. */
    private static void describeSurface(String path, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        if (path.startsWith("/tenant/")) {
            operation.addSecurityItem(new SecurityRequirement().addList("apiKey"));
            operation
                    .getResponses()
                    .addApiResponse("default", response("ClientFailure", "a refusal in the Client API's envelope"));
            operation.setTags(List.of("Client API"));
        } else if (path.startsWith("/app/api/")) {
            operation.addSecurityItem(new SecurityRequirement().addList("portalSession"));
            operation.getResponses().addApiResponse("default", response("ApiError", "a refusal"));
            operation.setTags(List.of("Portal"));
        } else {
            if (path.startsWith("/api/")) {
                operation.addSecurityItem(new SecurityRequirement().addList("idToken"));
            }
            operation
                    .getResponses()
                    .addApiResponse(
                            "default",
                            response("ApiError", "a refusal: 4xx with the code, a sentence and the field at fault"));
            operation.setTags(List.of(path.startsWith("/api/") ? "Management API" : "Identity and public"));
        }
        // a 204 has no body: springdoc infers "200" from the ResponseEntity<Void> of a delete
        ApiResponse ok = operation.getResponses().get("200");
        if (ok != null
                && (ok.getContent() == null || ok.getContent().isEmpty())
                && operation.getOperationId() != null
                && operation.getOperationId().toLowerCase(Locale.ROOT).matches("(delete|remove|revoke|decline).*")) {
            operation.getResponses().remove("200");
            operation.getResponses().addApiResponse("204", new ApiResponse().description("done, no body"));
        }
    }

    private static void apply(JsonNode overlay, Operation operation) {
        if (overlay.has("summary")) {
            operation.setSummary(overlay.get("summary").asString());
        }
        if (overlay.has("parameters")) {
            List<Parameter> parameters =
                    new ArrayList<>(operation.getParameters() == null ? List.of() : operation.getParameters());
            for (JsonNode parameter : overlay.get("parameters")) {
                parameters.removeIf(
                        p -> p.getName().equals(parameter.get("name").asString()));
                parameters.add(convert(parameter, Parameter.class));
            }
            operation.setParameters(parameters);
        }
        if (overlay.has("responses")) {
            for (Map.Entry<String, JsonNode> entry : overlay.get("responses").properties()) {
                String status = entry.getKey();
                JsonNode shape = entry.getValue();
                if (shape.isNull()) {
                    operation
                            .getResponses()
                            .addApiResponse(
                                    status,
                                    new ApiResponse()
                                            .description(
                                                    status.equals("304") ? "not modified (If-None-Match)" : "no body"));
                } else if (shape.isString()) {
                    operation.getResponses().remove("200");
                    operation.getResponses().addApiResponse(status, response(shape.asString(), "OK"));
                } else {
                    operation.getResponses().remove("200");
                    operation
                            .getResponses()
                            .addApiResponse(
                                    status,
                                    new ApiResponse()
                                            .description("OK")
                                            .content(new Content()
                                                    .addMediaType(
                                                            "application/json",
                                                            new MediaType().schema(convert(shape, Schema.class)))));
                }
            }
        }
    }

    private static ApiResponse response(String schema, String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return Json31.mapper().readValue(node.toString(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("openapi/contract.json: " + e.getOriginalMessage(), e);
        }
    }

    private static OpenAPI read(String resource) {
        try (InputStream in = open(resource)) {
            return Json31.mapper().readValue(in, OpenAPI.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(String resource) {
        try (InputStream in = open(resource)) {
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = OpenApiConfiguration.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the application");
        }
        return in;
    }
}
