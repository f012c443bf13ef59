package io.vivreal.core.secrets;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local server speaking the Secrets Manager JSON protocol for {@code GetSecretValue}: the SDK
 * reaches it through its endpoint override and every request is kept for assertions.
 */
final class FakeSecretsManager implements AutoCloseable {

    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile String secretName;
    private volatile String secretString;
    private volatile int version;
    private volatile String errorType;

    FakeSecretsManager(String secretName, String secretString) {
        this.secretName = secretName;
        this.secretString = secretString;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body));
            String answer;
            int status;
            if (errorType != null) {
                status = 400;
                answer = "{\"__type\":\"" + errorType + "\",\"message\":\"no such secret\"}";
            } else {
                status = 200;
                answer = "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + this.secretName
                        + "-AbCdEf\",\"Name\":\"" + this.secretName + "\",\"SecretString\":" + quote(this.secretString)
                        + ",\"VersionId\":\"v" + version + "\",\"VersionStages\":[\"AWSCURRENT\"],"
                        + "\"CreatedDate\":1.7E9}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next answers carry this value, as a new version. */
    void rotate(String secretString) {
        this.secretString = secretString;
        version++;
    }

    /** The next answers are this Secrets Manager error, for example {@code ResourceNotFoundException}. */
    void failWith(String errorType) {
        this.errorType = errorType;
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

    @Override
    public void close() {
        server.stop(0);
    }
}
