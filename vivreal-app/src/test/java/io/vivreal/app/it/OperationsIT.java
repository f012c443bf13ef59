package io.vivreal.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server as an operator runs it: JSON logs that carry request ids and never a
 * secret, and a SIGTERM that finishes the work in flight, gives the delivery lanes back and exits
 * within 30 s.
 */
class OperationsIT {

    private static final String SIGNING_SECRET = "whsec_b3BlcmF0aW9ucyB0ZXN0IHNpZ25pbmcga2V5IQ==";

    @Test
    void jsonLogsCarryRequestIdsAndNoSecretEverUsed() throws Exception {
        Path dataDir =
                Path.of("target", "it-data", "json-logs-" + UUID.randomUUID()).toAbsolutePath();
        try (Receiver receiver = new Receiver(Duration.ZERO)) {
            List<String> secrets = new ArrayList<>();
            ServerProcess server = ServerProcess.start(dataDir, env(Map.of("VIVREAL_LOG_FORMAT", "json")))
                    .awaitHealthy();
            try {
                Http http = server.http;
                Fixtures fixtures = new Fixtures(http);
                Fixtures.User owner = fixtures.user();
                secrets.add(Fixtures.PASSWORD);
                secrets.add(owner.token());
                String group = fixtures.group(owner);
                String key = fixtures.apiKey(owner, group);
                secrets.add(key);
                String slackPath = "/services/T0PS/B0PS/" + "x".repeat(8) + "SlackSecretPath";
                secrets.add(slackPath.substring(slackPath.lastIndexOf('/') + 1));
                secrets.add(SIGNING_SECRET);
                String type = contentType(http, owner, group);
                Http.Response webhook = http.post(
                        "/api/groups/" + group + "/channels",
                        Map.of(
                                "type", "webhook",
                                "name", "Site rebuild",
                                "settings", Map.of("url", receiver.url("/hook"), "signingSecret", SIGNING_SECRET)),
                        owner.auth());
                assertThat(webhook.status()).as(webhook.body()).isEqualTo(201);
                Http.Response slack = http.post(
                        "/api/groups/" + group + "/channels",
                        Map.of(
                                "type", "slack",
                                "name", "Team chat",
                                "settings", Map.of("webhookUrl", receiver.url(slackPath))),
                        owner.auth());
                assertThat(slack.status()).as(slack.body()).isEqualTo(201);
                publish(http, owner, group, type, "Opening night");
                awaitRequests(receiver, 2, Duration.ofSeconds(30));
                // a failing receiver: the attempt is logged, the URL's secret is not
                receiver.status = 500;
                publish(http, owner, group, type, "Second night");
                awaitRequests(receiver, 4, Duration.ofSeconds(30));

                Http.Response read = http.get(
                        "/tenant/collectionObjects?collectionId=" + type,
                        "Authorization",
                        key,
                        "X-Request-Id",
                        "site-build-0042");
                assertThat(read.status()).isEqualTo(200);
                assertThat(read.header("X-Request-Id")).isEqualTo("site-build-0042");
                Http.Response forged = http.get(
                        "/tenant/collectionObjects?collectionId=" + type,
                        "Authorization",
                        key,
                        "X-Request-Id",
                        "a b\"}{");
                assertThat(forged.header("X-Request-Id")).matches("[0-9a-f]{24}");
                Http.Response plain = http.get("/actuator/health");
                assertThat(plain.header("X-Request-Id")).matches("[0-9a-f]{24}");
            } finally {
                server.close();
            }

            String output = server.output();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                assertThat(line).as("every log line is one JSON object").startsWith("{");
                lines.add(Http.JSON.readTree(line));
            }
            assertThat(lines).hasSizeGreaterThan(10);
            for (String secret : secrets) {
                assertThat(output).as("a secret in the log").doesNotContain(secret);
            }
            JsonNode tenantRead = lines.stream()
                    .filter(l -> "site-build-0042".equals(text(l, "requestId")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no line with the given request id:\n" + output));
            assertThat(text(tenantRead, "log.logger")).isEqualTo("vivreal.access");
            assertThat(text(tenantRead, "message")).startsWith("GET /tenant/collectionObjects 200 ");
            assertThat(text(tenantRead, "message")).doesNotContain("collectionId");
            assertThat(text(tenantRead, "groupId")).matches("[0-9a-f]{24}");
            assertThat(text(tenantRead, "keyPrefix")).hasSize(7).startsWith("vr_");
            assertThat(lines.stream()
                            .filter(l -> "vivreal.access".equals(text(l, "log.logger")))
                            .allMatch(l -> text(l, "requestId") != null))
                    .as("every access line has a request id")
                    .isTrue();
            assertThat(lines.stream()
                            .anyMatch(l -> text(l, "message") != null
                                    && text(l, "message").startsWith("GET /api/groups/")
                                    && text(l, "groupId") != null))
                    .as("a management request names its verified group")
                    .isTrue();
        }
    }

    @Test
    void sigtermFinishesInFlightWorkGivesLanesBackAndExitsWithin30Seconds() throws Exception {
        Path dataDir =
                Path.of("target", "it-data", "sigterm-" + UUID.randomUUID()).toAbsolutePath();
        // a lane held by a process that is gone would block its channel for the whole lease
        Map<String, String> env = env(Map.of("VIVREAL_DELIVERY_LEASE", "120s"));
        try (Receiver receiver = new Receiver(Duration.ofSeconds(4))) {
            Fixtures.User owner;
            String group;
            String type;
            ServerProcess server = ServerProcess.start(dataDir, env).awaitHealthy();
            Http http = server.http;
            Fixtures fixtures = new Fixtures(http);
            owner = fixtures.user();
            group = fixtures.group(owner);
            type = contentType(http, owner, group);
            Http.Response channel = http.post(
                    "/api/groups/" + group + "/channels",
                    Map.of(
                            "type", "webhook",
                            "name", "Slow receiver",
                            "settings", Map.of("url", receiver.url("/hook"), "signingSecret", SIGNING_SECRET)),
                    owner.auth());
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);

            publish(http, owner, group, type, "In flight at SIGTERM");
            awaitRequests(receiver, 1, Duration.ofSeconds(30)); // the receiver now holds the send for 4 s
            // and a request of our own is in flight too: the channel test waits on the same receiver
            String channelId = channel.json().get("_id").asString();
            CompletableFuture<Http.Response> inFlight = CompletableFuture.supplyAsync(() ->
                    http.post("/api/groups/" + group + "/channels/" + channelId + "/test", Map.of(), owner.auth()));
            awaitRequests(receiver, 2, Duration.ofSeconds(10));

            Instant term = Instant.now();
            ProcessHandle.of(server.pid()).orElseThrow().destroy(); // SIGTERM
            server.awaitExit(Duration.ofSeconds(30));
            Duration took = Duration.between(term, Instant.now());
            assertThat(took).isLessThan(Duration.ofSeconds(30));
            Http.Response answered = inFlight.get(5, TimeUnit.SECONDS);
            assertThat(answered.status())
                    .as("the request in flight was finished, not cut")
                    .isEqualTo(200);
            assertThat(receiver.completed).as("the send in flight completed").isGreaterThanOrEqualTo(1);

            try (ServerProcess again = ServerProcess.start(dataDir, env).awaitHealthy()) {
                Instant published = Instant.now();
                publish(again.http, owner, group, type, "After the restart");
                awaitRequests(receiver, 3, Duration.ofSeconds(60));
                assertThat(Duration.between(published, Instant.now()))
                        .as("the lane was given back: no wait for the 120 s lease")
                        .isLessThan(Duration.ofSeconds(40));
                Thread.sleep(6000);
                Map<String, Integer> byId = new HashMap<>();
                for (Receiver.Request request : receiver.requests) {
                    if (request.webhookId() != null && request.body().contains("content.published")) {
                        byId.merge(request.webhookId(), 1, Integer::sum);
                    }
                }
                assertThat(byId)
                        .as("each publication sent once: " + byId)
                        .hasSize(2)
                        .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            }
        }
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(
                Map.of("VIVREAL_OUTBOUND_ALLOWLIST", "127.0.0.1", "VIVREAL_PUBLIC_URL", "http://localhost:18998"));
        env.putAll(extra);
        return env;
    }

    private static String contentType(Http http, Fixtures.User owner, String group) {
        Http.Response type = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of("name", "Shows", "fields", List.of(Map.of("name", "title", "type", "text"))),
                owner.auth());
        assertThat(type.status()).as(type.body()).isEqualTo(201);
        return type.json().get("_id").asString();
    }

    private static void publish(Http http, Fixtures.User owner, String group, String type, String title) {
        Http.Response item = http.post(
                "/api/groups/" + group + "/content-types/" + type + "/items",
                Map.of(
                        "objectValue",
                        Map.of("title", title),
                        "publishDate",
                        Instant.now().minusSeconds(1).toString()),
                owner.auth());
        assertThat(item.status()).as(item.body()).isEqualTo(201);
    }

    /** A field of an ECS line, written flat ({@code "log.logger"}) or nested ({@code log: {logger}}). */
    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null) {
            value = line;
            for (String part : field.split("\\.")) {
                value = value == null ? null : value.get(part);
            }
        }
        return value == null || value.isNull() ? null : value.asString();
    }

    private static void awaitRequests(Receiver receiver, int count, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (receiver.requests.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the receiver got " + receiver.requests.size() + " of " + count);
            }
            Thread.sleep(50);
        }
    }

    /** A receiver that records a request when it arrives and answers after a delay. */
    static final class Receiver implements AutoCloseable {

        record Request(String path, String webhookId, String body) {}

        final List<Request> requests = new CopyOnWriteArrayList<>();
        volatile int status = 204;
        volatile int completed;
        private final HttpServer server;

        Receiver(Duration delay) throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(new Request(
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("webhook-id"),
                        body));
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                completed++;
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
