package io.vivreal.identity.twofactor;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes with java-otp: HMAC-SHA1, six digits, 30-second steps — what every authenticator
 * app shows for an {@code otpauth://totp} URL without parameters. A code is looked for in the
 * current step and one step either way (clock drift and the seconds it takes to type), compared in
 * constant time. Which of those steps was already used is the store's business ({@link
 * SecondFactorStore#acceptStep}).
 */
final class TotpCodes {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private TotpCodes() {}

    /** Whether {@code code} has the shape of a TOTP code (six digits), rather than a recovery code. */
    static boolean looksLikeCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** The time step {@code at} falls in. */
    static long stepOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
    }

    static String codeAt(byte[] secret, long step) {
        try {
            TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(
                    STEP, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
            return generator.generateOneTimePasswordString(
                    new SecretKeySpec(secret, "HmacSHA1"), Instant.ofEpochSecond(step * STEP.toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("unusable TOTP secret", e);
        }
    }

    /**
     * The steps around {@code now} (previous, current, next) whose code is {@code code}, oldest
     * first; every candidate is computed and compared, so the time taken does not depend on which
     * one matched.
     */
    static long[] matchingSteps(byte[] secret, String code, Instant now) {
        long current = stepOf(now);
        long[] found = new long[3];
        int count = 0;
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        for (long step = current - 1; step <= current + 1; step++) {
            if (MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII), given)) {
                found[count++] = step;
            }
        }
        return Arrays.copyOf(found, count);
    }
}
