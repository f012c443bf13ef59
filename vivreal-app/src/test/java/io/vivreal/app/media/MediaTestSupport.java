package io.vivreal.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/** Uploading through the Management API and downloading signed URLs as bytes. */
public abstract class MediaTestSupport extends ServerTest {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Download(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    protected Http.Response upload(Fixtures.User user, String groupId, String filename, String type, byte[] content) {
        return http.send(
                "POST",
                "/api/groups/" + groupId + "/media",
                MediaFiles.multipart(filename, type, content),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + user.token());
    }

    /** Uploads and answers the new file's key, failing the test unless the upload was accepted. */
    protected String uploaded(Fixtures.User user, String groupId, String filename, String type, byte[] content) {
        Http.Response response = upload(user, groupId, filename, type, content);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("key").asString();
    }

    protected JsonNode list(Fixtures.User user, String groupId) {
        Http.Response response = http.get("/api/groups/" + groupId + "/media", user.auth());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The signed URL the media list hands out for {@code key}. */
    protected String signedUrl(Fixtures.User user, String groupId, String key) {
        for (JsonNode file : list(user, groupId)) {
            if (file.get("key").asString().equals(key)) {
                return file.get("url").asString();
            }
        }
        throw new AssertionError("no file " + key + " in the list");
    }

    protected String bucketName(Fixtures.User user, String groupId) {
        return http.get("/api/groups/" + groupId, user.auth())
                .json()
                .get("bucketName")
                .asString();
    }

    /** A path and query relative to the server, from an absolute signed URL. */
    protected String relative(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    protected Download download(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            response.headers()
                    .map()
                    .forEach((name, values) ->
                            responseHeaders.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
            return new Download(response.statusCode(), responseHeaders, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code GET <target>} exactly as written, over a raw socket: no client normalises dot
     * segments or re-encodes anything. Answers the whole response, head and body.
     */
    protected String rawGet(String target) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The development context secret this server generated, as the signing key derives from it. */
    protected static byte[] contextSecret() {
        try {
            String stored = Files.readString(DATA_DIR.resolve("secrets").resolve("context-secret"))
                    .strip();
            return Base64.getDecoder().decode(stored.substring("dev-generated:".length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs a media URL the way the server does, so tests can make links the server never issued. */
    protected static String sign(String bucketName, String key, long exp) {
        byte[] derived = hmac(contextSecret(), "vivreal/media-url/v1");
        byte[] mac = hmac(derived, bucketName + "/" + key + "\n" + exp);
        return "/media/" + bucketName + "/" + key + "?exp=" + exp + "&sig="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static Path mediaDir() {
        return DATA_DIR.resolve("media");
    }
}
