package io.vivreal.distribution.outbound;

import java.util.List;
import java.util.Map;

/**
 * One request a channel adapter wants sent: always a JSON {@code POST}. {@code secrets} are the
 * values that must never be kept from the answer (the receiver could echo them); {@code field}
 * names the setting the URL came from, for the guard's message.
 */
public record OutboundRequest(
        String url, String field, Map<String, String> headers, String body, List<String> secrets) {

    @Override
    public String toString() {
        return "OutboundRequest[" + field + ", headers and secrets hidden]";
    }
}
