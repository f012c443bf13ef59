package io.vivreal.lambda;

import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The two secrets the authorizer needs, as stored in one Secrets Manager secret: a JSON object
 * {@code {"mongodb-uri": "...", "api-key-pepper": "<base64 of at least 32 bytes>"}} — the same
 * names and encoding as the server's file and environment secrets, so one pepper serves both.
 * {@link #toString()} never shows a value, and no error message quotes one.
 */
record AuthorizerSecrets(String mongodbUri, byte[] pepper) {

    static final String MONGODB_URI = "mongodb-uri";
    static final String API_KEY_PEPPER = "api-key-pepper";

    static AuthorizerSecrets fromJson(String secretString) {
        Map<String, JsonNode> fields;
        try {
            JsonNode root = JsonNode.parser().parse(secretString);
            if (!root.isObject()) {
                throw new SecretsException("the secret is not a JSON object");
            }
            fields = root.asObject();
        } catch (RuntimeException e) {
            if (e instanceof SecretsException known) {
                throw known;
            }
            throw new SecretsException("the secret is not valid JSON");
        }
        String uri = text(fields, MONGODB_URI);
        if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
            throw new SecretsException("'" + MONGODB_URI + "' is not a mongodb:// or mongodb+srv:// URI");
        }
        byte[] pepper;
        try {
            pepper = Base64.getDecoder().decode(text(fields, API_KEY_PEPPER));
        } catch (IllegalArgumentException e) {
            throw new SecretsException("'" + API_KEY_PEPPER + "' is not valid base64");
        }
        if (pepper.length < 32) {
            throw new SecretsException("'" + API_KEY_PEPPER + "' must hold at least 32 bytes");
        }
        return new AuthorizerSecrets(uri, pepper);
    }

    private static String text(Map<String, JsonNode> fields, String name) {
        JsonNode node = fields.get(name);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw new SecretsException("the secret lacks the string field '" + name + "'");
        }
        return node.asString().trim();
    }

    @Override
    public String toString() {
        return "AuthorizerSecrets[" + MONGODB_URI + ", " + API_KEY_PEPPER + "]";
    }

    /** The secret is missing, unreadable or unfit; the message names fields, never values. */
    static final class SecretsException extends RuntimeException {
        SecretsException(String message) {
            super(message);
        }
    }
}
