package io.vivreal.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A browser-like client for the portal: keeps the cookies the server sets (and lets a test tamper
 * with them), sends {@code X-CSRF-Token} from the {@code csrf_token} cookie on state-changing calls
 * unless told otherwise, and never follows redirects.
 */
public final class PortalClient {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String baseUrl;
    public final Map<String, String> cookies = new LinkedHashMap<>();

    public PortalClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return Http.JSON.readTree(body);
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public List<String> setCookies() {
            return headers.getOrDefault("set-cookie", List.of());
        }

        public String setCookie(String name) {
            return setCookies().stream()
                    .filter(c -> c.startsWith(name + "="))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Loads the login page, which hands out the anonymous CSRF token. */
    public PortalClient openLoginPage() {
        Response page = get("/app/login");
        assertThat(page.status()).isEqualTo(200);
        assertThat(cookies).containsKey("csrf_token");
        return this;
    }

    public Response login(String email, String password) {
        return post("/app/api/login", Map.of("email", email, "password", password));
    }

    /** Logs in (expecting success) and answers this client. */
    public PortalClient loggedIn(String email, String password) {
        openLoginPage();
        Response login = login(email, password);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return this;
    }

    public Response switchTo(String groupId) {
        return post("/app/api/switch-profile", Map.of("groupID", groupId));
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, true, headers);
    }

    public Response post(String path, Object body, String... headers) {
        return send("POST", path, body, true, headers);
    }

    public Response put(String path, Object body, String... headers) {
        return send("PUT", path, body, true, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, true, headers);
    }

    /** Sends without the automatic {@code X-CSRF-Token} header. */
    public Response sendWithoutCsrf(String method, String path, Object body, String... headers) {
        return send(method, path, body, false, headers);
    }

    public Response send(String method, String path, Object body, boolean csrf, String... headers) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(
                        body instanceof String s ? s.getBytes() : Http.JSON.writeValueAsBytes(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        if (csrf && !method.equals("GET") && cookies.containsKey("csrf_token")) {
            request.header("X-CSRF-Token", cookies.get("csrf_token"));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> responseHeaders.put(k.toLowerCase(Locale.ROOT), v));
            for (String setCookie : responseHeaders.getOrDefault("set-cookie", List.of())) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Response(response.statusCode(), responseHeaders, response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
