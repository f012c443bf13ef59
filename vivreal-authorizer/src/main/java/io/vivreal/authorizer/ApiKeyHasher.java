package io.vivreal.authorizer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of an API key under a secret pepper: the value stored and looked up under a unique
 * index. A key has 256 random bits, so a fast keyed hash is the right tool (a password hash would
 * only make every request slow); without the pepper a stolen database gives no way to test
 * guesses.
 */
public final class ApiKeyHasher {

    private static final HexFormat HEX = HexFormat.of();
    private final ThreadLocal<Mac> macs;

    public ApiKeyHasher(byte[] pepper) {
        SecretKeySpec key = new SecretKeySpec(pepper.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
            }
        });
    }

    /** The lookup hash of a key, as 64 lowercase hex characters. */
    public String hash(String apiKey) {
        return HEX.formatHex(macs.get().doFinal(apiKey.getBytes(StandardCharsets.US_ASCII)));
    }
}
