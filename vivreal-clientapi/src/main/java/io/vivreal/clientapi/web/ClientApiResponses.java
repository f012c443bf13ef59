package io.vivreal.clientapi.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Successful content answers: the envelope as bytes with a strong ETag over them, the cache
 * headers of the contract, and 304 when the client already has these bytes. {@code Vary:
 * Authorization} keeps a shared cache from serving one group's answer to another.
 */
public final class ClientApiResponses {

    private static final JsonMapper JSON = JsonMapper.shared();
    public static final String PUBLIC_CACHE = "public, s-maxage=60, max-age=0";
    public static final String PRIVATE_CACHE = "private, no-store";

    private ClientApiResponses() {}

    /** A rendered answer: its bytes and their ETag, ready to be cached and served many times. */
    public record Rendered(byte[] body, String etag) {}

    public static Rendered render(Object data) {
        byte[] body = JSON.writeValueAsBytes(Envelope.ok(data));
        return new Rendered(body, etag(body));
    }

    /**
     * The envelope around {@code data} that is already JSON (a listing written under its byte
     * budget): the same bytes {@link #render} would write for the equivalent object.
     */
    public static Rendered renderData(byte[] data) {
        byte[] head = "{\"success\":true,\"data\":".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ",\"error\":null}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);
        return new Rendered(body, etag(body));
    }

    public static ResponseEntity<byte[]> content(Object data, String ifNoneMatch) {
        return respond(render(data), ifNoneMatch, PUBLIC_CACHE);
    }

    public static ResponseEntity<byte[]> respond(Rendered rendered, String ifNoneMatch, String cacheControl) {
        if (matches(ifNoneMatch, rendered.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(rendered.etag())
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
                    .build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .eTag(rendered.etag())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
                .body(rendered.body());
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag) || tag.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
