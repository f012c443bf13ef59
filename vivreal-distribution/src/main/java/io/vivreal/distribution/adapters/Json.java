package io.vivreal.distribution.adapters;

import io.vivreal.distribution.outbound.OutboundResponse;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading platforms' answers and building their bodies. An answer is untrusted: one that is not
 * the JSON object expected (an HTML error page, a truncated or garbled body) reads as empty, and
 * the adapter turns it into a failed outcome rather than a success it cannot prove.
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.shared();

    /** Why a 2xx answer still failed: its body was not what the platform documents. */
    static final String UNREADABLE = "unreadable_answer";

    private Json() {}

    static Optional<JsonNode> read(OutboundResponse response) {
        if (response.content().length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(response.content());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The same outcome, failed: no status (so it is retried), the error {@value #UNREADABLE}. */
    static OutboundResponse unreadable(OutboundResponse response) {
        return new OutboundResponse(
                null, UNREADABLE, response.startedAt(), response.durationMs(), null, response.retryAfter());
    }

    /** The same outcome without its excerpt, headers or content (an answer that holds tokens). */
    static OutboundResponse withoutBody(OutboundResponse response) {
        return new OutboundResponse(
                response.status(),
                response.error(),
                response.startedAt(),
                response.durationMs(),
                null,
                response.retryAfter());
    }

    static OutboundResponse failure(String error, Instant at) {
        return new OutboundResponse(null, error, at, 0, null, Optional.empty());
    }
}
