package io.vivreal.app.identity;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;

/** Computes RFC 6238 codes in tests, as an authenticator app would, from the base32 secret enrolment shows. */
final class Totp {

    static final long STEP_SECONDS = 30;

    private Totp() {}

    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of time step {@code step}. */
    static String code(String base32Secret, long step) {
        try {
            var generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(STEP_SECONDS), 6, "HmacSHA1");
            return generator.generateOneTimePasswordString(
                    new SecretKeySpec(decode(base32Secret), "HmacSHA1"),
                    Instant.ofEpochSecond(step * STEP_SECONDS),
                    Locale.ROOT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The middle of the current step, so a test's steps do not roll over while it runs. */
    static Instant midStep(Instant now) {
        return Instant.ofEpochSecond(step(now) * STEP_SECONDS + STEP_SECONDS / 2);
    }

    static byte[] decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
