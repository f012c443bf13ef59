package io.vivreal.app.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The part of S3 that S3Mock leaves out: it serves a presigned URL "as long as the bucket and key
 * exist" (its maintainers' words), checking neither signature nor expiry. This gate sits in front
 * of S3Mock as the S3 endpoint; every presigned request ({@code X-Amz-Signature} in the query) is
 * verified the way S3 documents SigV4 query authentication — canonical request, string to sign,
 * derived key, signature, then {@code X-Amz-Date + X-Amz-Expires} against the gate's clock — and
 * answered {@code 403 AccessDenied} / {@code SignatureDoesNotMatch} in S3's XML when it fails.
 * Everything else (the server's own SDK calls) is forwarded unchanged. An independent
 * implementation from the specification, so a signing mistake in the server cannot hide.
 */
final class SigV4Gate implements AutoCloseable {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> HOP_HEADERS = Set.of(
            "host",
            "connection",
            "content-length",
            "expect",
            "transfer-encoding",
            "upgrade",
            "keep-alive",
            "date",
            "via",
            "warning",
            "from");

    private final HttpServer server;
    private final String upstream;
    private final String accessKey;
    private final String secretKey;
    private final AtomicReference<Duration> clockOffset = new AtomicReference<>(Duration.ZERO);
    private final HttpClient client = HttpClient.newBuilder().build();
    final List<String> presignedHosts = new CopyOnWriteArrayList<>();

    SigV4Gate(String upstream, String accessKey, String secretKey) throws IOException {
        this.upstream = upstream;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Moves the gate's clock, as time passing would for S3. */
    void advance(Duration duration) {
        clockOffset.set(clockOffset.get().plus(duration));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.contains("X-Amz-Signature=")) {
                String refusal = verify(exchange, query);
                if (refusal != null) {
                    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + refusal.split(":", 2)[0]
                                    + "</Code><Message>" + refusal.split(":", 2)[1] + "</Message></Error>")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/xml");
                    exchange.sendResponseHeaders(403, body.length);
                    exchange.getResponseBody().write(body);
                    return;
                }
            }
            forward(exchange);
        }
    }

    /** Null when the presigned request is authentic and unexpired, else {@code code:message}. */
    private String verify(HttpExchange exchange, String rawQuery) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (params.put(name, value) != null) {
                return "AuthorizationQueryParametersError:repeated parameter";
            }
        }
        if (!"AWS4-HMAC-SHA256".equals(params.get("X-Amz-Algorithm"))
                || !"host".equals(params.get("X-Amz-SignedHeaders"))
                || params.get("X-Amz-Credential") == null
                || params.get("X-Amz-Date") == null
                || params.get("X-Amz-Expires") == null) {
            return "AuthorizationQueryParametersError:malformed presigned request";
        }
        String[] credential = params.get("X-Amz-Credential").split("/");
        if (credential.length != 5 || !credential[0].equals(accessKey) || !credential[3].equals("s3")) {
            return "InvalidAccessKeyId:unknown access key";
        }
        String amzDate = params.get("X-Amz-Date");
        String scope = credential[1] + "/" + credential[2] + "/s3/aws4_request";
        StringBuilder canonicalQuery = new StringBuilder();
        for (Map.Entry<String, String> param : sortedEncoded(params)) {
            if (!canonicalQuery.isEmpty()) {
                canonicalQuery.append('&');
            }
            canonicalQuery.append(param.getKey()).append('=').append(param.getValue());
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String canonicalRequest =
                exchange.getRequestMethod() + "\n" + exchange.getRequestURI().getRawPath() + "\n" + canonicalQuery
                        + "\n" + "host:" + host.strip() + "\n\n" + "host\nUNSIGNED-PAYLOAD";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonicalRequest));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), credential[1]);
        key = hmac(key, credential[2]);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                params.get("X-Amz-Signature").getBytes(StandardCharsets.US_ASCII))) {
            return "SignatureDoesNotMatch:The request signature we calculated does not match the signature you provided.";
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        long expires = Long.parseLong(params.get("X-Amz-Expires"));
        Instant now = Instant.now().plus(clockOffset.get());
        if (expires < 1 || expires > 604_800 || now.isAfter(signedAt.plusSeconds(expires))) {
            return "AccessDenied:Request has expired";
        }
        presignedHosts.add(host);
        return null;
    }

    private static List<Map.Entry<String, String>> sortedEncoded(Map<String, String> params) {
        TreeMap<String, String> encoded = new TreeMap<>();
        params.forEach((name, value) -> {
            if (!name.equals("X-Amz-Signature")) {
                encoded.put(uriEncode(name), uriEncode(value));
            }
        });
        return new ArrayList<>(encoded.entrySet());
    }

    /** SigV4's encoding: every byte but the unreserved characters as %XX, upper-case hex. */
    private static String uriEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        boolean empty = exchange.getRequestMethod().equals("HEAD") || response.body().length == 0;
        exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : response.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
