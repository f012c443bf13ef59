package io.vivreal.clientapi.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * Authorization} keeps a shared cache from serving one group's answer to another; answers of at
 * least {@link Compression#MIN_BYTES} are offered compressed ({@code br}, {@code gzip}) and also
 * vary by {@code Accept-Encoding}, each coding with an ETag of its own.
 *
 * <p>Both serving paths — Spring MVC's controllers and the lean path — decide an answer with
 * {@link #answer} and differ only in how they write it, so their answers cannot drift apart.
 */
public final class ClientApiResponses {

    private static final JsonMapper JSON = JsonMapper.shared();
    public static final String PUBLIC_CACHE = "public, s-maxage=60, max-age=0";
    public static final String PRIVATE_CACHE = "private, no-store";
    private static final String VARY_KEY = HttpHeaders.AUTHORIZATION;
    private static final String VARY_KEY_AND_CODING = HttpHeaders.AUTHORIZATION + ", " + HttpHeaders.ACCEPT_ENCODING;
    private static final String JSON_TYPE = MediaType.APPLICATION_JSON_VALUE;
    private static final byte[] NOT_WORTH_IT = new byte[0];

    private ClientApiResponses() {}

    /**
     * A rendered answer: its bytes and their ETag, ready to be cached and served many times. Its
     * compressed forms are made at most once each — all of them before the read model caches it
     * ({@link #encodeAll}), so the cache's byte bound counts them; on first use otherwise.
     */
    public static final class Rendered {
        private final byte[] body;
        private final String etag;
        private volatile byte[] gzip;
        private volatile byte[] br;

        public Rendered(byte[] body, String etag) {
            this.body = body;
            this.etag = etag;
        }

        public byte[] body() {
            return body;
        }

        public String etag() {
            return etag;
        }

        /** Whether this answer is offered compressed (and so varies by {@code Accept-Encoding}). */
        public boolean compressible() {
            return body.length >= Compression.MIN_BYTES;
        }

        /** The bytes in {@code coding}, or {@code null} when that coding is not offered for them. */
        public byte[] bytes(Compression.Coding coding) {
            if (coding == Compression.Coding.IDENTITY) {
                return body;
            }
            if (!compressible()) {
                return null;
            }
            byte[] encoded = coding == Compression.Coding.GZIP ? gzip : br;
            if (encoded == null) {
                byte[] made = Compression.encode(body, coding);
                encoded = made == null ? NOT_WORTH_IT : made;
                if (coding == Compression.Coding.GZIP) {
                    gzip = encoded;
                } else {
                    br = encoded;
                }
            }
            return encoded == NOT_WORTH_IT ? null : encoded;
        }

        /** Makes every compressed form now; returns this. */
        public Rendered encodeAll() {
            bytes(Compression.Coding.GZIP);
            bytes(Compression.Coding.BR);
            return this;
        }

        /** The bytes held: the body and the compressed forms made so far. */
        public long heldBytes() {
            byte[] g = gzip;
            byte[] b = br;
            return (long) body.length + (g == null ? 0 : g.length) + (b == null ? 0 : b.length);
        }
    }

    /**
     * What to answer: the status (200 or 304), the coding and ETag of the chosen bytes, the body
     * (none for 304), and the headers' values.
     */
    public record Answer(
            int status, Compression.Coding coding, String etag, byte[] body, String vary, String cacheControl) {

        public boolean notModified() {
            return status == HttpServletResponse.SC_NOT_MODIFIED;
        }
    }

    /** Decides the answer to a request with these {@code If-None-Match} and {@code Accept-Encoding} headers. */
    public static Answer answer(Rendered rendered, String ifNoneMatch, String acceptEncoding, String cacheControl) {
        Compression.Coding coding = Compression.Coding.IDENTITY;
        byte[] bytes = rendered.body();
        if (rendered.compressible()) {
            coding = Compression.negotiate(acceptEncoding);
            byte[] encoded = rendered.bytes(coding);
            if (encoded == null) {
                coding = Compression.Coding.IDENTITY;
            } else {
                bytes = encoded;
            }
        }
        String etag = coding.etag(rendered.etag());
        String vary = rendered.compressible() ? VARY_KEY_AND_CODING : VARY_KEY;
        if (matches(ifNoneMatch, etag)) {
            return new Answer(HttpServletResponse.SC_NOT_MODIFIED, coding, etag, null, vary, cacheControl);
        }
        return new Answer(HttpServletResponse.SC_OK, coding, etag, bytes, vary, cacheControl);
    }

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

    public static ResponseEntity<byte[]> content(Object data, String ifNoneMatch, String acceptEncoding) {
        return respond(render(data), ifNoneMatch, acceptEncoding, PUBLIC_CACHE);
    }

    public static ResponseEntity<byte[]> respond(
            Rendered rendered, String ifNoneMatch, String acceptEncoding, String cacheControl) {
        Answer answer = answer(rendered, ifNoneMatch, acceptEncoding, cacheControl);
        if (answer.notModified()) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(answer.etag())
                    .header(HttpHeaders.CACHE_CONTROL, answer.cacheControl())
                    .header(HttpHeaders.VARY, answer.vary())
                    .build();
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .eTag(answer.etag())
                .header(HttpHeaders.CACHE_CONTROL, answer.cacheControl())
                .header(HttpHeaders.VARY, answer.vary());
        if (answer.coding().token() != null) {
            ok.header(HttpHeaders.CONTENT_ENCODING, answer.coding().token());
        }
        return ok.body(answer.body());
    }

    /**
     * Writes an answer straight to the servlet response, with the same status, headers and bytes
     * {@link #respond} gives through Spring MVC.
     */
    public static void write(HttpServletResponse response, Answer answer) throws IOException {
        response.setStatus(answer.status());
        response.setHeader(HttpHeaders.ETAG, answer.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, answer.cacheControl());
        response.setHeader(HttpHeaders.VARY, answer.vary());
        if (answer.notModified()) {
            return;
        }
        response.setContentType(JSON_TYPE);
        if (answer.coding().token() != null) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, answer.coding().token());
        }
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
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

    /** {@code If-None-Match} against an ETag: weak comparison, any tag of a list, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
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
