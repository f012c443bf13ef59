package io.vivreal.app.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP server that records every request and answers with a chosen status. */
public final class RecordingServer implements AutoCloseable {

    public record Request(String method, String path, Map<String, List<String>> headers, String body, Instant at) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    public final AtomicInteger status = new AtomicInteger(204);
    /** Headers added to every answer, e.g. {@code Retry-After}. */
    public final Map<String, String> answerHeaders = new java.util.concurrent.ConcurrentHashMap<>();
    /** A body for every answer; null answers without one. */
    public final java.util.concurrent.atomic.AtomicReference<String> answerBody =
            new java.util.concurrent.atomic.AtomicReference<>();

    public RecordingServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body,
                    Instant.now()));
            int answer = status.get();
            if (answer >= 300 && answer < 400) {
                exchange.getResponseHeaders().add("Location", "/redirected");
            }
            answerHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            String text = answerBody.get();
            if (text == null) {
                exchange.sendResponseHeaders(answer, -1);
            } else {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public Request last() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
