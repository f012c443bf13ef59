package io.vivreal.app.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Mastodon instance for one account, checking what a poster sends the way Mastodon does:
 *
 * <ul>
 *   <li>{@code GET /api/v2/instance}: {@code configuration.statuses.max_characters} ({@link
 *       #maxCharacters}), {@code characters_reserved_per_url} 23, the media limits.
 *   <li>{@code POST /api/v2/media}: {@code Bearer} token, {@code multipart/form-data} with a
 *       {@code file} part (a file name, an image type, 1 byte..16 MB) and an optional {@code
 *       description} (≤ 1,500 characters); {@code 200} when ready, {@code 202} while processing
 *       ({@link #processingPolls}).
 *   <li>{@code GET /api/v1/media/:id}: {@code 206} while processing, {@code 200} when ready.
 *   <li>{@code POST /api/v1/statuses}: {@code Bearer}, JSON {@code status}, {@code media_ids}
 *       (≤ 4, uploaded here, processed — else {@code 422}), {@code visibility}; an {@code
 *       Idempotency-Key} seen before answers the status made under it, without a second one.
 * </ul>
 *
 * A request that breaks the protocol adds its reason to {@link #problems()}; {@link #once} makes
 * the next call of a route misbehave.
 */
public final class FakeMastodon implements AutoCloseable {

    public static final String INSTANCE = "instance";
    public static final String MEDIA = "media";
    public static final String MEDIA_GET = "media-get";
    public static final String STATUSES = "statuses";

    public enum Trouble {
        UNAUTHORIZED,
        SERVER_ERROR,
        GARBLED,
        /** {@code 200} whose {@code id} is a path ({@code ../../admin}) and whose url is {@code javascript:}. */
        HOSTILE_IDS
    }

    public record Media(String id, String fileName, String mimeType, byte[] bytes, String description) {}

    public record Status(
            String id, String url, String text, List<String> mediaIds, String visibility, String idempotencyKey) {}

    private static final JsonMapper JSON = JsonMapper.shared();

    public final AtomicInteger maxCharacters = new AtomicInteger(500);
    /** How many {@code 206} answers each new upload gets before it is ready; 0 answers 200 at once. */
    public final AtomicInteger processingPolls = new AtomicInteger(0);

    private final String accessToken;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicLong ids = new AtomicLong(110_000_000_000_000_000L);
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    private final Map<String, Status> byKey = new ConcurrentHashMap<>();
    private final List<Status> statuses = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Set<String> attached = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final Map<String, Queue<Trouble>> troubles = new ConcurrentHashMap<>();

    public FakeMastodon(String accessToken) {
        this.accessToken = accessToken;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The instance URL, what a channel's {@code settings.instanceUrl} holds. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Status> statuses() {
        return List.copyOf(statuses);
    }

    public Media media(String id) {
        return media.get(id);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int calls(String route) {
        return calls.getOrDefault(route, 0);
    }

    public void once(String route, Trouble trouble) {
        troubles.computeIfAbsent(route, r -> new ConcurrentLinkedQueue<>()).add(trouble);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Answer(int status, String json) {}

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readNBytes(17 * 1024 * 1024);
            String route;
            if (method.equals("GET") && path.equals("/api/v2/instance")) {
                route = INSTANCE;
            } else if (method.equals("POST") && path.equals("/api/v2/media")) {
                route = MEDIA;
            } else if (method.equals("GET") && path.startsWith("/api/v1/media/")) {
                route = MEDIA_GET;
            } else if (method.equals("POST") && path.equals("/api/v1/statuses")) {
                route = STATUSES;
            } else {
                problems.add("unexpected request " + method + " " + path);
                send(exchange, new Answer(404, "{\"error\":\"Not Found\"}"));
                return;
            }
            calls.merge(route, 1, Integer::sum);
            Queue<Trouble> queue = troubles.get(route);
            Trouble trouble = queue == null ? null : queue.poll();
            if (trouble != null) {
                send(exchange, misbehave(trouble));
                return;
            }
            Answer answer = switch (route) {
                case INSTANCE -> instance();
                case MEDIA -> upload(exchange, body);
                case MEDIA_GET -> mediaStatus(exchange, path.substring("/api/v1/media/".length()));
                default -> status(exchange, body);
            };
            send(exchange, answer);
        } catch (RuntimeException e) {
            problems.add("the fake failed: " + e);
            send(exchange, new Answer(500, "{\"error\":\"fake failed\"}"));
        }
    }

    private Answer instance() {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("domain", "127.0.0.1");
        answer.put("version", "4.3.0");
        ObjectNode configuration = answer.putObject("configuration");
        configuration
                .putObject("statuses")
                .put("max_characters", maxCharacters.get())
                .put("max_media_attachments", 4)
                .put("characters_reserved_per_url", 23);
        ObjectNode mediaLimits = configuration.putObject("media_attachments");
        mediaLimits
                .putArray("supported_mime_types")
                .add("image/jpeg")
                .add("image/png")
                .add("image/gif")
                .add("image/webp");
        mediaLimits.put("image_size_limit", 16_777_216);
        return new Answer(200, answer.toString());
    }

    private Answer upload(HttpExchange exchange, byte[] body) {
        Answer auth = authorized(exchange);
        if (auth != null) {
            return auth;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Matcher boundary = Pattern.compile("(?i)^multipart/form-data\\s*;.*\\bboundary=\"?([^\";]+)\"?")
                .matcher(type == null ? "" : type);
        if (!boundary.find()) {
            return unprocessable("media upload must be multipart/form-data, got " + type);
        }
        Map<String, Part> parts = parts(body, boundary.group(1));
        Part file = parts.get("file");
        if (file == null || file.fileName == null || file.fileName.isBlank()) {
            return unprocessable("the file part with a file name is missing");
        }
        if (file.contentType == null || !file.contentType.startsWith("image/")) {
            return unprocessable("file has content type " + file.contentType);
        }
        if (file.bytes.length == 0 || file.bytes.length > 16_777_216) {
            return unprocessable("file has " + file.bytes.length + " bytes");
        }
        Part description = parts.get("description");
        String alt = description == null ? null : new String(description.bytes, StandardCharsets.UTF_8);
        if (alt != null && alt.codePointCount(0, alt.length()) > 1500) {
            return unprocessable("description is longer than 1500 characters");
        }
        String id = Long.toString(ids.incrementAndGet());
        media.put(id, new Media(id, file.fileName, file.contentType, file.bytes, alt));
        int polls = processingPolls.get();
        if (polls > 0) {
            pending.put(id, new AtomicInteger(polls));
            return new Answer(202, attachment(id, false).toString());
        }
        return new Answer(200, attachment(id, true).toString());
    }

    private Answer mediaStatus(HttpExchange exchange, String id) {
        Answer auth = authorized(exchange);
        if (auth != null) {
            return auth;
        }
        if (!media.containsKey(id)) {
            return new Answer(404, "{\"error\":\"Record not found\"}");
        }
        AtomicInteger left = pending.get(id);
        if (left != null && left.getAndDecrement() > 0) {
            return new Answer(206, attachment(id, false).toString());
        }
        pending.remove(id);
        return new Answer(200, attachment(id, true).toString());
    }

    private Answer status(HttpExchange exchange, byte[] body) {
        Answer auth = authorized(exchange);
        if (auth != null) {
            return auth;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank()) {
            problems.add("a status without Idempotency-Key");
        } else if (byKey.containsKey(key)) {
            return new Answer(200, render(byKey.get(key)).toString());
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return unprocessable("statuses are sent as JSON here, got " + type);
        }
        JsonNode input;
        try {
            input = JSON.readTree(body);
        } catch (RuntimeException e) {
            return unprocessable("the body is not JSON");
        }
        String text = input.path("status").asString("");
        List<String> mediaIds = new ArrayList<>();
        for (JsonNode id : input.path("media_ids")) {
            mediaIds.add(id.asString());
        }
        if (text.isBlank() && mediaIds.isEmpty()) {
            return unprocessable("Validation failed: Text can't be blank");
        }
        if (mediaIds.size() > 4) {
            return unprocessable("Validation failed: too many attachments");
        }
        for (String id : mediaIds) {
            if (!media.containsKey(id)) {
                return unprocessable("media_ids holds " + id + ", which was never uploaded");
            }
            if (pending.containsKey(id)) {
                return new Answer(
                        422,
                        "{\"error\":\"Cannot attach files that have not finished processing. Try again in a moment!\"}");
            }
            if (!attached.add(id)) {
                return unprocessable("media " + id + " is attached to another status already");
            }
        }
        String visibility = input.path("visibility").asString("public");
        if (!List.of("public", "unlisted", "private", "direct").contains(visibility)) {
            return unprocessable("visibility " + visibility);
        }
        int length = text.replaceAll("https?://\\S+", "x".repeat(23))
                .codePointCount(
                        0, text.replaceAll("https?://\\S+", "x".repeat(23)).length());
        if (length > maxCharacters.get()) {
            return new Answer(
                    422,
                    "{\"error\":\"Validation failed: Text character limit of " + maxCharacters.get() + " exceeded\"}");
        }
        String id = Long.toString(ids.incrementAndGet());
        Status status = new Status(id, url() + "/@owner/" + id, text, List.copyOf(mediaIds), visibility, key);
        statuses.add(status);
        if (key != null) {
            byKey.put(key, status);
        }
        return new Answer(200, render(status).toString());
    }

    private ObjectNode render(Status status) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", status.id());
        answer.put("created_at", java.time.Instant.now().toString());
        answer.put("visibility", status.visibility());
        answer.put("uri", url() + "/users/owner/statuses/" + status.id());
        answer.put("url", status.url());
        answer.put("content", "<p>" + status.text().replace("<", "&lt;") + "</p>");
        ArrayNode attachments = answer.putArray("media_attachments");
        status.mediaIds().forEach(id -> attachments.add(attachment(id, true)));
        return answer;
    }

    private ObjectNode attachment(String id, boolean ready) {
        ObjectNode attachment = JSON.createObjectNode();
        attachment.put("id", id);
        attachment.put("type", "image");
        if (ready) {
            attachment.put("url", url() + "/system/media/" + id + ".png");
        } else {
            attachment.putNull("url");
        }
        attachment.put("preview_url", url() + "/system/media/small/" + id + ".png");
        Media stored = media.get(id);
        if (stored != null && stored.description() != null) {
            attachment.put("description", stored.description());
        } else {
            attachment.putNull("description");
        }
        return attachment;
    }

    private Answer misbehave(Trouble trouble) {
        return switch (trouble) {
            case UNAUTHORIZED -> new Answer(401, "{\"error\":\"The access token is invalid\"}");
            case SERVER_ERROR -> new Answer(500, "{\"error\":\"We're sorry, but something went wrong.\"}");
            case GARBLED -> new Answer(200, "<!DOCTYPE html><html>\u0000 maintenance");
            case HOSTILE_IDS ->
                new Answer(200, "{\"id\":\"../../admin\",\"url\":\"javascript:alert(1)\",\"type\":\"image\"}");
        };
    }

    private Answer authorized(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.equals("Bearer " + accessToken)) {
            problems.add("a call without the account's Bearer token");
            return new Answer(401, "{\"error\":\"The access token is invalid\"}");
        }
        return null;
    }

    private Answer unprocessable(String why) {
        problems.add(why);
        return new Answer(422, JSON.createObjectNode().put("error", why).toString());
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private record Part(String name, String fileName, String contentType, byte[] bytes) {}

    /** The parts of a multipart/form-data body (RFC 7578), by name. */
    private static Map<String, Part> parts(byte[] body, String boundary) {
        Map<String, Part> parts = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break;
            }
            start += 2; // CRLF
            int next = text.indexOf("\r\n" + delimiter, start);
            if (next < 0) {
                break;
            }
            String part = text.substring(start, next);
            int split = part.indexOf("\r\n\r\n");
            String headers = part.substring(0, split);
            byte[] content = part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            Matcher type = Pattern.compile("(?i)content-type:\\s*([^\\r\\n;]+)").matcher(headers);
            if (name.find()) {
                parts.put(
                        name.group(1),
                        new Part(
                                name.group(1),
                                file.find() ? file.group(1) : null,
                                type.find() ? type.group(1).strip() : null,
                                content));
            }
            at = next + 2;
        }
        return parts;
    }
}
