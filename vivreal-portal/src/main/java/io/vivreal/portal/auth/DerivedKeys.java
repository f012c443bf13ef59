package io.vivreal.portal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key per purpose from the context secret (HMAC-SHA256 of a label), so the context cookie, the
 * CSRF tokens and the signed media links never share a key, and none needs a secret of its own.
 */
final class DerivedKeys {

    private DerivedKeys() {}

    static byte[] derive(byte[] contextSecret, String label) {
        return hmac(contextSecret, label.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
