package io.vivreal.identity.verification;

import io.vivreal.core.crypto.DerivedKeys;
import io.vivreal.core.mail.EmailAddresses;
import io.vivreal.core.secrets.RotatingSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code v1.<user id>.<expiry, epoch seconds>.<HMAC-SHA256>}: the MAC covers the user id, the
 * expiry and the address being verified, under a key derived from the context secret for this one
 * purpose. So a token proves exactly "user U received mail at address A before T": another user's
 * token names another user, a token for an address since changed no longer matches, a changed
 * expiry or a flipped bit fails the MAC, and no other signed value of the product (cookies, CSRF
 * tokens, media links) can pass for one. The address itself is not in the token.
 */
public final class EmailVerificationTokens {

    public static final Duration LIFETIME = Duration.ofHours(24);
    static final String LABEL = "vivreal/email-verification/v1";
    private static final Pattern SHAPE = Pattern.compile("v1\\.([0-9a-f]{24})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

    /** What a token says, once its shape is right; its MAC is checked against the user's current address. */
    public record Claim(String userId, Instant expiresAt, String mac) {}

    public enum Outcome {
        VERIFIED,
        INVALID,
        EXPIRED
    }

    private final RotatingSecret<byte[]> keys;
    private final Clock clock;

    public EmailVerificationTokens(RotatingSecret<byte[]> contextSecret, Clock clock) {
        this.keys = contextSecret.map(secret -> DerivedKeys.derive(secret, LABEL));
        this.keys.current(); // derived now, so an unusable secret fails the start
        this.clock = clock;
    }

    public String issue(String userId, String email) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        return "v1." + userId + "." + expires + "." + mac(keys.current(), userId, expires, email);
    }

    /** The token's claim when it is well-formed; no key is used yet. */
    public Optional<Claim> parse(String token) {
        if (token == null || token.length() > 128) {
            return Optional.empty();
        }
        var matcher = SHAPE.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new Claim(matcher.group(1), Instant.ofEpochSecond(Long.parseLong(matcher.group(2))), matcher.group(3)));
    }

    /** Whether the claim was signed here for {@code email}, and is still within its lifetime. */
    public Outcome check(Claim claim, String email) {
        boolean signed = false;
        for (byte[] key : keys.accepted()) {
            // compared as text: a base64 variant of the same bytes is not the token that was issued
            String expected = mac(key, claim.userId(), claim.expiresAt().getEpochSecond(), email);
            signed |= MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), claim.mac().getBytes(StandardCharsets.US_ASCII));
        }
        if (!signed) {
            return Outcome.INVALID;
        }
        return clock.instant().isBefore(claim.expiresAt()) ? Outcome.VERIFIED : Outcome.EXPIRED;
    }

    private static String mac(byte[] key, String userId, long expires, String email) {
        String data = "email-verification|" + userId + "|" + expires + "|" + EmailAddresses.normalise(email);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(DerivedKeys.hmac(key, data.getBytes(StandardCharsets.UTF_8)));
    }
}
