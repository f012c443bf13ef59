package io.vivreal.identity.reset;

import io.vivreal.core.crypto.DerivedKeys;
import io.vivreal.core.secrets.RotatingSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code <secret>.<mac>}: 256 random bits and their HMAC-SHA256 under a key derived from the
 * context secret for this one purpose. The store keeps only the SHA-256 of the secret, so a copy of
 * the database resets nothing; the MAC lets a tampered or made-up token be refused before any
 * lookup, and no other signed value of the product can pass for one.
 */
final class PasswordResetTokens {

    static final String LABEL = "vivreal/password-reset/v1";
    private static final Pattern SHAPE = Pattern.compile("([A-Za-z0-9_-]{43})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    /** A new token and the digest under which it is stored. */
    record Issued(String token, String digest) {}

    private final RotatingSecret<byte[]> keys;
    private final SecureRandom random;

    PasswordResetTokens(RotatingSecret<byte[]> contextSecret, SecureRandom random) {
        this.keys = contextSecret.map(secret -> DerivedKeys.derive(secret, LABEL));
        this.keys.current(); // derived now, so an unusable secret fails the start
        this.random = random;
    }

    Issued issue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = BASE64.encodeToString(bytes);
        return new Issued(secret + "." + mac(keys.current(), secret), digest(secret));
    }

    /** The stored digest of a well-formed token that carries our MAC; empty for anything else. */
    Optional<String> verify(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        var matcher = SHAPE.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String secret = matcher.group(1);
        byte[] presented = matcher.group(2).getBytes(StandardCharsets.US_ASCII);
        boolean signed = false;
        for (byte[] key : keys.accepted()) {
            signed |= MessageDigest.isEqual(mac(key, secret).getBytes(StandardCharsets.US_ASCII), presented);
        }
        return signed ? Optional.of(digest(secret)) : Optional.empty();
    }

    private static String mac(byte[] key, String secret) {
        return BASE64.encodeToString(
                DerivedKeys.hmac(key, ("password-reset|" + secret).getBytes(StandardCharsets.US_ASCII)));
    }

    static String digest(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
