package io.vivreal.portal.auth;

import io.vivreal.core.crypto.DerivedKeys;
import io.vivreal.core.secrets.RotatingSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signed double-submit CSRF tokens (OWASP): {@code <nonce>.<HMAC(key, binding|nonce)>}, where the
 * binding is the login session (the token's {@code jti}) or, before login, the anonymous binding. A
 * state-changing request must send the {@code csrf_token} cookie and the same value in {@code
 * X-CSRF-Token}, and the value must carry our signature for the caller's current session — so a
 * cookie planted by a sibling subdomain, or one from another session, does not pass.
 *
 * <p>Tokens are issued under the current context secret and accepted under any accepted one, so a
 * rotation does not fail the pages' next form submission.
 */
public final class CsrfTokens {

    static final String LABEL = "vivreal/csrf/v1";
    public static final String ANONYMOUS = "anonymous";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final RotatingSecret<byte[]> keys;
    private final SecureRandom random = new SecureRandom();

    public CsrfTokens(byte[] contextSecret) {
        this(RotatingSecret.fixed(contextSecret));
    }

    /** @param contextSecret the context secret's key bytes; only the derived keys are kept */
    public CsrfTokens(RotatingSecret<byte[]> contextSecret) {
        this.keys = contextSecret.map(secret -> DerivedKeys.derive(secret, LABEL));
        this.keys.current(); // derived now, so an unusable secret fails the start
    }

    /** The binding of a logged-in session. */
    public static String sessionBinding(String jti) {
        return "session:" + jti;
    }

    public String issue(String binding) {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        String encodedNonce = ENCODER.encodeToString(nonce);
        return encodedNonce + "." + ENCODER.encodeToString(mac(keys.current(), binding, encodedNonce));
    }

    /** Whether {@code token} was issued by us for {@code binding}. */
    public boolean issuedFor(String token, String binding) {
        if (token == null || token.length() > 256) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return false;
        }
        // Compared as text, not decoded: a Base64 decoder ignores the spare low bits of the last
        // character, so decoding would let several spellings of one signature pass.
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
        boolean issued = false;
        for (byte[] key : keys.accepted()) {
            byte[] expected = ENCODER.encodeToString(mac(key, binding, token.substring(0, dot)))
                    .getBytes(StandardCharsets.UTF_8);
            issued |= MessageDigest.isEqual(given, expected);
        }
        return issued;
    }

    /** The double-submit check: header equals cookie, and the value is ours for this binding. */
    public boolean valid(String cookie, String header, String binding) {
        if (cookie == null || header == null || cookie.isEmpty()) {
            return false;
        }
        boolean same =
                MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
        return same && issuedFor(cookie, binding);
    }

    private static byte[] mac(byte[] key, String binding, String nonce) {
        return DerivedKeys.hmac(key, (binding + "|" + nonce).getBytes(StandardCharsets.UTF_8));
    }
}
