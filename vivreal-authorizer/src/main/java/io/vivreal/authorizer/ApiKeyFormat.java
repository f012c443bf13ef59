package io.vivreal.authorizer;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * The API key format: {@code vr_} + 43 base62 characters carrying 256 random bits + 6 base62
 * characters of CRC32 over everything before them — 52 characters in all.
 *
 * <p>The fixed prefix lets secret scanners recognise a leaked key; the checksum lets the
 * authorizer reject a mistyped or made-up key with no database read and no allocation. The
 * checksum is not a secret and adds no strength: the 256 random bits do that.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "vr_";
    static final int BODY_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + BODY_LENGTH + CHECKSUM_LENGTH;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private ApiKeyFormat() {}

    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String body = PREFIX + base62(new BigInteger(1, bytes), BODY_LENGTH);
        return body + base62(BigInteger.valueOf(checksum(body, body.length())), CHECKSUM_LENGTH);
    }

    /** Answers whether {@code candidate} has the shape and checksum of a key; no I/O, no allocation. */
    public static boolean isWellFormed(CharSequence candidate) {
        if (candidate == null || candidate.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < PREFIX.length(); i++) {
            if (candidate.charAt(i) != PREFIX.charAt(i)) {
                return false;
            }
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            if (digit(candidate.charAt(i)) < 0) {
                return false;
            }
        }
        long expected = 0;
        for (int i = LENGTH - CHECKSUM_LENGTH; i < LENGTH; i++) {
            expected = expected * 62 + digit(candidate.charAt(i));
        }
        return expected == checksum(candidate, LENGTH - CHECKSUM_LENGTH);
    }

    /** The part of a key that may be shown to identify it: the prefix and four characters. */
    public static String displayPrefix(String key) {
        return key.substring(0, PREFIX.length() + 4);
    }

    private static long checksum(CharSequence text, int length) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < length; i++) {
            crc.update(text.charAt(i));
        }
        return crc.getValue();
    }

    private static String base62(BigInteger value, int width) {
        char[] out = new char[width];
        BigInteger rest = value;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] division = rest.divideAndRemainder(BASE);
            out[i] = ALPHABET.charAt(division[1].intValue());
            rest = division[0];
        }
        if (rest.signum() != 0) {
            throw new IllegalStateException("value does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 36;
        }
        return -1;
    }
}
