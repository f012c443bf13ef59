package io.vivreal.clientapi.web;

/** The Client API's response envelope: {@code {"success", "data", "error"}}, always all three. */
public record Envelope(boolean success, Object data, String error) {

    public static Envelope ok(Object data) {
        return new Envelope(true, data, null);
    }

    public static Envelope failure(String error) {
        return new Envelope(false, null, error);
    }
}
