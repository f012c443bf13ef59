package io.vivreal.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server speaking the Secrets Manager JSON protocol ({@code POST /}, {@code X-Amz-Target:
 * secretsmanager.GetSecretValue}, {@code application/x-amz-json-1.1}), reached through the SDK's
 * endpoint override. It records every request so tests can check what the SDK sent.
 */
final class FakeSecretsManager implements AutoCloseable {

    record Request(String method, String target, String contentType, String authorization, String body) {}

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeSecretsManager(HttpServer server) {
        this.server = server;
    }

    static FakeSecretsManager start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeSecretsManager fake = new FakeSecretsManager(server);
        server.createContext("/", fake::handle);
        server.start();
        return fake;
    }

    FakeSecretsManager put(String secretId, String secretString) {
        secrets.put(secretId, secretString);
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        requests.add(new Request(
                exchange.getRequestMethod(),
                target,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        if (!"POST".equals(exchange.getRequestMethod()) || !"secretsmanager.GetSecretValue".equals(target)) {
            answer(exchange, 400, error("UnknownOperationException", "unsupported operation"));
            return;
        }
        String secretId = secretIdOf(body);
        String secret = secretId == null ? null : secrets.get(secretId);
        if (secret == null) {
            answer(
                    exchange,
                    400,
                    error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
            return;
        }
        answer(
                exchange,
                200,
                "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + secretId + "-AbCdEf\","
                        + "\"Name\":" + quote(secretId) + ",\"VersionId\":\"v1\","
                        + "\"SecretString\":" + quote(secret) + ",\"VersionStages\":[\"AWSCURRENT\"],"
                        + "\"CreatedDate\":1.7E9}");
    }

    /** The SDK sends {@code {"SecretId":"..."}}; good enough for the names tests use. */
    private static String secretIdOf(String body) {
        String marker = "\"SecretId\":\"";
        int start = body.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        return body.substring(start, body.indexOf('"', start));
    }

    private static String error(String type, String message) {
        return "{\"__type\":" + quote(type) + ",\"message\":" + quote(message) + "}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
