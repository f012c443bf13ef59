package io.vivreal.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Content made through the Management API, as the portal or a script would. */
public final class ContentFixtures {

    private final Http http;

    public ContentFixtures(Http http) {
        this.http = http;
    }

    /** A type with {@code title} (text), {@code rating} (integer) and {@code featured} (boolean). */
    public String contentType(Fixtures.User owner, String groupId, String name) {
        return contentType(owner, groupId, name, false);
    }

    public String contentType(Fixtures.User owner, String groupId, String name, boolean acceptsSubmissions) {
        Http.Response created = http.post(
                "/api/groups/" + groupId + "/content-types",
                Map.of(
                        "name", name,
                        "acceptsSubmissions", acceptsSubmissions,
                        "fields",
                                List.of(
                                        Map.of("name", "title", "type", "text", "required", true),
                                        Map.of("name", "rating", "type", "integer"),
                                        Map.of("name", "featured", "type", "boolean"))),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    public String item(
            Fixtures.User editor,
            String groupId,
            String typeId,
            String title,
            Instant publishDate,
            boolean archived,
            int rating) {
        Map<String, Object> body = new HashMap<>();
        body.put("objectValue", Map.of("title", title, "rating", rating, "featured", rating > 3));
        body.put("publishDate", publishDate == null ? null : publishDate.toString());
        body.put("archived", archived);
        Http.Response created =
                http.post("/api/groups/" + groupId + "/content-types/" + typeId + "/items", body, editor.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }
}
