package io.vivreal.distribution.outbound;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request a channel adapter wants sent: its method ({@code POST}, {@code GET}, or {@code PUT}
 * for uploads to a pre-signed URL), the URL,
 * headers, and the body with its content type (a {@code GET} has none). {@code secrets} are the
 * values that must never be kept from the answer (the receiver could echo them); {@code field}
 * names the setting the URL came from, for the guard's message.
 */
public record OutboundRequest(
        String method,
        String url,
        String field,
        Map<String, String> headers,
        String contentType,
        byte[] body,
        List<String> secrets) {

    /** Exactly {@code application/json} (UTF-8 is JSON's only encoding), as every receiver's docs show it. */
    public static final String JSON = "application/json";

    public static final String FORM = "application/x-www-form-urlencoded";

    public OutboundRequest {
        if (!"POST".equals(method) && !"GET".equals(method) && !"PUT".equals(method)) {
            throw new IllegalArgumentException("method must be POST, GET or PUT");
        }
        if ("GET".equals(method) && body != null) {
            throw new IllegalArgumentException("a GET has no body");
        }
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
    }

    /** A JSON {@code POST}, what most platforms take. */
    public OutboundRequest(String url, String field, Map<String, String> headers, String json, List<String> secrets) {
        this("POST", url, field, headers, JSON, json.getBytes(StandardCharsets.UTF_8), secrets);
    }

    public static OutboundRequest get(String url, String field, Map<String, String> headers, List<String> secrets) {
        return new OutboundRequest("GET", url, field, headers, null, null, secrets);
    }

    /** A {@code POST} of raw bytes (a blob upload, a multipart body built by the caller). */
    public static OutboundRequest bytes(
            String url,
            String field,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            List<String> secrets) {
        return new OutboundRequest("POST", url, field, headers, contentType, body, secrets);
    }

    /** A {@code PUT} of raw bytes: an upload to the URL a platform handed out (LinkedIn's images). */
    public static OutboundRequest put(
            String url,
            String field,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            List<String> secrets) {
        return new OutboundRequest("PUT", url, field, headers, contentType, body, secrets);
    }

    /** An {@code application/x-www-form-urlencoded} {@code POST} (OAuth token endpoints, WebSub pings). */
    public static OutboundRequest form(
            String url, String field, Map<String, String> headers, Map<String, String> form, List<String> secrets) {
        String encoded = new LinkedHashMap<>(form)
                .entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"));
        return bytes(url, field, headers, FORM, encoded.getBytes(StandardCharsets.UTF_8), secrets);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OutboundRequest[" + method + " " + field + ", headers, body and secrets hidden]";
    }
}
