package io.vivreal.app.fakes;

import com.ibm.icu.text.BreakIterator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Bluesky PDS for one account, speaking the XRPC calls a poster uses and checking them the
 * way the real PDS and the lexicons do:
 *
 * <ul>
 *   <li>{@code com.atproto.server.createSession}: JSON {@code {identifier, password}}; the
 *       account's handle or DID and its app password, else {@code 401 AuthenticationRequired}.
 *   <li>{@code com.atproto.repo.uploadBlob}: {@code Bearer} access token, an {@code image/*}
 *       {@code Content-Type}, 1..1,000,000 bytes; answers the blob ref ({@code $link} cid).
 *   <li>{@code com.atproto.repo.createRecord}: {@code repo} = the DID, {@code collection} =
 *       {@code app.bsky.feed.post}, an optional TID {@code rkey}, a record of that {@code $type}
 *       with {@code text} (≤ 300 graphemes, ≤ 3000 bytes), an ISO {@code createdAt}, link facets
 *       whose UTF-8 byte ranges cover their link in the text, and an {@code app.bsky.embed.images}
 *       embed (≤ 4 images, each with {@code alt} and a blob this PDS issued to this account).
 *       A second record under a key answers {@code 500}, as the reference PDS does today.
 *   <li>{@code com.atproto.repo.getRecord}: the record, or {@code 400 RecordNotFound}.
 * </ul>
 *
 * A request that breaks the protocol is answered {@code 400 InvalidRequest} and its reason added to
 * {@link #problems()}, so a test asserts that list is empty. {@link #once} makes the next call of a
 * method misbehave ({@link Trouble}). Usage: {@code try (FakeBluesky pds = new FakeBluesky("alice.test",
 * "abcd-efgh-ijkl-mnop")) { ... pds.url() ... pds.posts() ... }}.
 */
public final class FakeBluesky implements AutoCloseable {

    public static final String SESSION = "com.atproto.server.createSession";
    public static final String UPLOAD = "com.atproto.repo.uploadBlob";
    public static final String CREATE = "com.atproto.repo.createRecord";
    public static final String GET = "com.atproto.repo.getRecord";

    /** How the next call of a method misbehaves. */
    public enum Trouble {
        /** {@code 401 ExpiredToken}. */
        UNAUTHORIZED,
        /** {@code 400 InvalidRequest} (a refused upload, a refused record). */
        REFUSED,
        /** {@code 500 InternalServerError}, doing nothing. */
        SERVER_ERROR,
        /** {@code 200} with a body that is not JSON. */
        GARBLED,
        /** {@code 200} with 200 KB of JSON padding before anything useful. */
        HUGE,
        /** Does the work, then never answers (a lost answer). */
        APPLY_THEN_HANG,
        /** Never answers, doing nothing. */
        HANG
    }

    /** One post as the PDS stored it. */
    public record Post(String rkey, String uri, String cid, JsonNode record, Instant at) {
        public String text() {
            return record.path("text").asString();
        }
    }

    /** One uploaded blob. */
    public record Blob(String cid, String mimeType, byte[] bytes) {}

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern TID = Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
    private static final Pattern ISO =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private final String handle;
    private final String appPassword;
    private final String did;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Blob> blobs = new ConcurrentHashMap<>();
    private final Map<String, Post> posts = new ConcurrentHashMap<>();
    private final List<Post> order = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final Map<String, Queue<Trouble>> troubles = new ConcurrentHashMap<>();

    public FakeBluesky(String handle, String appPassword) {
        this.handle = handle;
        this.appPassword = appPassword;
        this.did = "did:plc:" + base32(sha256(handle)).substring(0, 24);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/xrpc/", this::handle);
        server.start();
    }

    /** The service URL, what a channel's {@code settings.service} holds. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String did() {
        return did;
    }

    public String handle() {
        return handle;
    }

    /** The posts in the order they were made. */
    public List<Post> posts() {
        return List.copyOf(order);
    }

    /** What broke the protocol, in order; empty when every request was right. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int calls(String method) {
        return calls.getOrDefault(method, 0);
    }

    public Blob blob(String cid) {
        return blobs.get(cid);
    }

    /** Makes the next call of {@code method} misbehave; several queue up in order. */
    public void once(String method, Trouble trouble) {
        troubles.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).add(trouble);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/xrpc/".length());
            calls.merge(method, 1, Integer::sum);
            byte[] body = exchange.getRequestBody().readNBytes(2_000_001);
            Queue<Trouble> queue = troubles.get(method);
            Trouble trouble = queue == null ? null : queue.poll();
            if (trouble != null && trouble != Trouble.APPLY_THEN_HANG) {
                misbehave(exchange, trouble);
                return;
            }
            Answer answer = switch (method) {
                case SESSION -> session(exchange, body);
                case UPLOAD -> upload(exchange, body);
                case CREATE -> create(exchange, body);
                case GET -> get(exchange);
                default -> error(501, "MethodNotImplemented", "Method Not Implemented");
            };
            if (trouble == Trouble.APPLY_THEN_HANG) {
                hang();
                return;
            }
            send(exchange, answer.status, answer.json);
        } catch (RuntimeException e) {
            problems.add("the fake failed: " + e);
            send(exchange, 500, "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}");
        }
    }

    private record Answer(int status, String json) {}

    private Answer session(HttpExchange exchange, byte[] body) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return invalid("createSession is a procedure: POST");
        }
        if (!jsonContent(exchange)) {
            return invalid("createSession takes application/json");
        }
        JsonNode input = parse(body);
        if (input == null
                || !input.path("identifier").isString()
                || !input.path("password").isString()) {
            return invalid("createSession takes {identifier, password}");
        }
        String identifier = input.path("identifier").asString().toLowerCase(Locale.ROOT);
        if (!(identifier.equals(handle) || identifier.equals(did))
                || !input.path("password").asString().equals(appPassword)) {
            return error(401, "AuthenticationRequired", "Invalid identifier or password");
        }
        String accessJwt = jwt("com.atproto.appPass");
        tokens.add(accessJwt);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("did", did);
        answer.put("handle", handle);
        answer.put("accessJwt", accessJwt);
        answer.put("refreshJwt", jwt("com.atproto.refresh"));
        answer.put("active", true);
        return new Answer(200, answer.toString());
    }

    private Answer upload(HttpExchange exchange, byte[] body) {
        Answer auth = authorized(exchange);
        if (auth != null) {
            return auth;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("image/")) {
            return invalid("uploadBlob of an image takes its image/* Content-Type, got " + type);
        }
        if (body.length == 0 || body.length > 1_000_000) {
            return invalid("an image blob must be 1..1000000 bytes, got " + body.length);
        }
        String cid = "bafkrei" + base32(sha256(body)).substring(0, 52);
        blobs.put(cid, new Blob(cid, type, body));
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode blob = answer.putObject("blob");
        blob.put("$type", "blob");
        blob.putObject("ref").put("$link", cid);
        blob.put("mimeType", type);
        blob.put("size", body.length);
        return new Answer(200, answer.toString());
    }

    private Answer create(HttpExchange exchange, byte[] body) {
        Answer auth = authorized(exchange);
        if (auth != null) {
            return auth;
        }
        if (!jsonContent(exchange)) {
            return invalid("createRecord takes application/json");
        }
        JsonNode input = parse(body);
        if (input == null) {
            return invalid("createRecord's body is not JSON");
        }
        if (!did.equals(input.path("repo").asString(""))) {
            return invalid("repo must be the session's DID " + did + ", got " + input.path("repo"));
        }
        if (!"app.bsky.feed.post".equals(input.path("collection").asString(""))) {
            return invalid("collection must be app.bsky.feed.post");
        }
        String rkey = input.has("rkey") ? input.path("rkey").asString("") : tid();
        if (!TID.matcher(rkey).matches()) {
            return invalid("a post's rkey must be a TID, got " + rkey);
        }
        JsonNode record = input.path("record");
        String wrong = checkRecord(record);
        if (wrong != null) {
            return invalid(wrong);
        }
        if (posts.containsKey(rkey)) {
            // the reference PDS's answer today to a create under an existing key
            return error(500, "InternalServerError", "Internal Server Error");
        }
        String uri = "at://" + did + "/app.bsky.feed.post/" + rkey;
        String cid = "bafyrei" + base32(sha256(body)).substring(0, 52);
        Post post = new Post(rkey, uri, cid, record, Instant.now());
        posts.put(rkey, post);
        order.add(post);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("uri", uri);
        answer.put("cid", cid);
        answer.putObject("commit").put("cid", "bafyreicommit").put("rev", tid());
        answer.put("validationStatus", "valid");
        return new Answer(200, answer.toString());
    }

    private Answer get(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return invalid("getRecord is a query: GET");
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!"app.bsky.feed.post".equals(query.get("collection"))
                || !(did.equals(query.get("repo")) || handle.equals(query.get("repo")))
                || query.get("rkey") == null) {
            return invalid("getRecord takes repo, collection and rkey");
        }
        Post post = posts.get(query.get("rkey"));
        if (post == null) {
            return error(
                    400,
                    "RecordNotFound",
                    "Could not locate record: at://" + did + "/app.bsky.feed.post/" + query.get("rkey"));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("uri", post.uri());
        answer.put("cid", post.cid());
        answer.set("value", post.record());
        return new Answer(200, answer.toString());
    }

    /** What is wrong with a post record, or null when the lexicon accepts it. */
    private String checkRecord(JsonNode record) {
        if (!record.isObject()
                || !"app.bsky.feed.post".equals(record.path("$type").asString(""))) {
            return "record.$type must be app.bsky.feed.post";
        }
        if (!record.path("text").isString()) {
            return "record.text is required";
        }
        String text = record.path("text").asString();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (graphemes(text) > 300 || utf8.length > 3000) {
            return "record.text is longer than 300 graphemes or 3000 bytes";
        }
        if (!ISO.matcher(record.path("createdAt").asString("")).matches()) {
            return "record.createdAt must be an ISO 8601 datetime";
        }
        if (record.has("facets")) {
            for (JsonNode facet : record.path("facets")) {
                int start = facet.path("index").path("byteStart").asInt(-1);
                int end = facet.path("index").path("byteEnd").asInt(-1);
                if (start < 0 || end <= start || end > utf8.length) {
                    return "facet byte range " + start + ".." + end + " is outside the text's " + utf8.length
                            + " bytes";
                }
                String covered = new String(Arrays.copyOfRange(utf8, start, end), StandardCharsets.UTF_8);
                JsonNode feature = facet.path("features").path(0);
                if (!"app.bsky.richtext.facet#link".equals(feature.path("$type").asString(""))) {
                    return "facet feature $type must be app.bsky.richtext.facet#link";
                }
                String uri = feature.path("uri").asString("");
                if (!(uri.equals(covered) || uri.equals("https://" + covered))) {
                    return "facet bytes " + start + ".." + end + " cover '" + covered + "', not its link " + uri;
                }
            }
        }
        if (record.has("embed")) {
            JsonNode embed = record.path("embed");
            if (!"app.bsky.embed.images".equals(embed.path("$type").asString(""))) {
                return "embed.$type must be app.bsky.embed.images";
            }
            JsonNode images = embed.path("images");
            if (!images.isArray() || images.isEmpty() || images.size() > 4) {
                return "embed.images must hold 1 to 4 images";
            }
            for (JsonNode image : images) {
                if (!image.path("alt").isString()) {
                    return "every image needs its alt";
                }
                JsonNode blob = image.path("image");
                Blob issued = blobs.get(blob.path("ref").path("$link").asString(""));
                if (!"blob".equals(blob.path("$type").asString(""))
                        || issued == null
                        || !issued.mimeType().equals(blob.path("mimeType").asString(""))
                        || blob.path("size").asInt(-1) != issued.bytes().length) {
                    return "embed image is not a blob ref this PDS issued: " + blob;
                }
            }
        }
        return null;
    }

    private Answer authorized(HttpExchange exchange) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return invalid("procedures are POST");
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            problems.add("a call without a Bearer access token");
            return error(401, "AuthenticationRequired", "Authentication Required");
        }
        if (!tokens.contains(auth.substring("Bearer ".length()))) {
            problems.add("a call with a token this PDS never issued");
            return error(400, "InvalidToken", "Bad token scope");
        }
        return null;
    }

    private void misbehave(HttpExchange exchange, Trouble trouble) throws IOException {
        switch (trouble) {
            case UNAUTHORIZED -> send(exchange, 401, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
            case REFUSED -> send(exchange, 400, "{\"error\":\"InvalidRequest\",\"message\":\"refused by the fake\"}");
            case SERVER_ERROR ->
                send(exchange, 500, "{\"error\":\"InternalServerError\",\"message\":\"Internal Server Error\"}");
            case GARBLED -> send(exchange, 200, "<html><body>502 Bad Gateway\u0000\u00ff");
            case HUGE -> send(exchange, 200, "{\"padding\":\"" + "x".repeat(200_000) + "\"}");
            default -> hang();
        }
    }

    private void hang() {
        try {
            closed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer invalid(String why) {
        problems.add(why);
        return error(400, "InvalidRequest", why);
    }

    private static Answer error(int status, String error, String message) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("error", error);
        answer.put("message", message);
        return new Answer(status, answer.toString());
    }

    private static boolean jsonContent(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static int graphemes(String text) {
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(text);
        int count = 0;
        while (clusters.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    private static String jwt(String scope) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"typ\":\"at+jwt\",\"alg\":\"ES256K\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"scope\":\"" + scope + "\",\"jti\":\"" + System.nanoTime() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString(sha256(claims + Math.random()));
    }

    private static String tid() {
        long micros = Instant.now().toEpochMilli() * 1000 + (System.nanoTime() / 1000 % 1000);
        long value = (micros << 10) | (long) (Math.random() * 1024);
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = "234567abcdefghijklmnopqrstuvwxyz".charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }

    private static String base32(byte[] bytes) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private static byte[] sha256(String value) {
        return sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
