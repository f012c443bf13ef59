package io.vivreal.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key per purpose from the context secret (HMAC-SHA256 of a label), so the context cookie, the
 * CSRF tokens and the signed media links never share a key, and none needs a secret of its own.
 */
public final class DerivedKeys {

    private DerivedKeys() {}

    public static byte[] derive(byte[] contextSecret, String label) {
        return hmac(contextSecret, label.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
