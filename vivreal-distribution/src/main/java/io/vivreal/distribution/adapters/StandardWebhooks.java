package io.vivreal.distribution.adapters;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of the Standard Webhooks specification: {@code webhook-signature: v1,<base64
 * HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>}, where the key is the base64
 * part of a {@code whsec_} secret, or else the secret's UTF-8 bytes.
 */
public final class StandardWebhooks {

    private static final String PREFIX = "whsec_";

    private StandardWebhooks() {}

    public static String signature(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static byte[] key(String secret) {
        if (secret.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                // not base64 after the prefix: use the whole secret's bytes, as for any other secret
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
