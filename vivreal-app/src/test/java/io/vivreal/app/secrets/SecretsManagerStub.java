package io.vivreal.app.secrets;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A local server answering {@code secretsmanager.GetSecretValue} with a JSON object of named
 * fields, which the test can change: the server under test reaches it through {@code
 * VIVREAL_AWS_ENDPOINT}.
 */
final class SecretsManagerStub implements AutoCloseable {

    final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;
    private volatile Map<String, String> fields;
    private volatile int version;

    SecretsManagerStub(String secretName, Map<String, String> fields) {
        this.fields = Map.copyOf(fields);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean getSecretValue = "secretsmanager.GetSecretValue"
                    .equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            requests.incrementAndGet();
            String secretString = this.fields.entrySet().stream()
                    .map(field -> quote(field.getKey()) + ":" + quote(field.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
            String answer = getSecretValue
                    ? "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + secretName
                            + "\",\"Name\":\"" + secretName + "\",\"SecretString\":" + quote(secretString)
                            + ",\"VersionId\":\"v" + version + "\"}"
                    : "{\"__type\":\"UnknownOperationException\"}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(getSecretValue ? 200 : 400, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Later answers carry these fields as a new version, as after a rotation in AWS. */
    void rotate(Map<String, String> fields) {
        this.fields = Map.copyOf(fields);
        version++;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
