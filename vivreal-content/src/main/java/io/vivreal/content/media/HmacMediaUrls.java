package io.vivreal.content.media;

import io.vivreal.core.crypto.DerivedKeys;
import io.vivreal.core.secrets.RotatingSecret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring media URLs: {@code <public url>/media/<bucketName>/<key>?exp=<epoch
 * seconds>&sig=<base64url HMAC-SHA256>}, the MAC taken over {@code bucketName + "/" + key + "\n" +
 * exp}. Whoever holds such a URL can fetch that one file until {@code exp}; changing the bucket, the
 * key or the expiry breaks the signature.
 *
 * <p>The signing key is derived from the context secret as HMAC-SHA256(context secret, {@code
 * "vivreal/media-url/v1"}) rather than used directly: key separation without a new secret to
 * provision. A media signature can then never be replayed as a portal context signature (or the
 * reverse) even though both come from one secret, rotating the context secret rotates this key too,
 * and the {@code v1} label lets a future scheme derive a fresh key.
 *
 * <p>When the context secret rotates while running, new URLs are signed with the current key and
 * URLs signed just before stay valid for the overlap window (or their own expiry, if sooner).
 *
 * <p>Expiry times are rounded up to a step of at most an hour (a 24th of the lifetime), so the same
 * file gets the same URL for a while and Client API answers that embed it keep their ETag.
 */
public final class HmacMediaUrls implements MediaUrls {

    static final String DERIVATION_LABEL = "vivreal/media-url/v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern EXP = Pattern.compile("[1-9][0-9]{0,11}");
    private static final Pattern SIG = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final RotatingSecret<SecretKeySpec> keys;
    private final Supplier<String> publicUrl;
    private final Clock clock;
    private final long ttlSeconds;
    private final long stepSeconds;

    /**
     * @param contextSecret the context secret's key bytes; only the derived key is kept
     * @param publicUrl the base URL clients reach this server at
     */
    public HmacMediaUrls(byte[] contextSecret, Supplier<String> publicUrl, Clock clock, Duration ttl) {
        this(RotatingSecret.fixed(contextSecret), publicUrl, clock, ttl);
    }

    /**
     * @param contextSecret the context secret's key bytes as they rotate; only derived keys are kept
     * @param publicUrl the base URL clients reach this server at
     */
    public HmacMediaUrls(RotatingSecret<byte[]> contextSecret, Supplier<String> publicUrl, Clock clock, Duration ttl) {
        if (ttl.isNegative() || ttl.toSeconds() < 60) {
            throw new IllegalArgumentException("vivreal.media.url-ttl must be at least one minute");
        }
        this.keys = contextSecret.map(secret -> new SecretKeySpec(deriveKey(secret), ALGORITHM));
        this.keys.current(); // derived now, so an unusable secret fails the start
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.ttlSeconds = ttl.toSeconds();
        this.stepSeconds = Math.max(1, Math.min(3600, ttlSeconds / 24));
    }

    /** The media-URL signing key: HMAC-SHA256 keyed with the context secret over the label. */
    static byte[] deriveKey(byte[] contextSecret) {
        return DerivedKeys.derive(contextSecret, DERIVATION_LABEL);
    }

    @Override
    public String signedUrl(String bucketName, String key) {
        requireNames(bucketName, key);
        long now = clock.instant().getEpochSecond();
        long exp = Math.floorDiv(now + ttlSeconds + stepSeconds - 1, stepSeconds) * stepSeconds;
        return publicUrl.get() + "/media/" + bucketName + "/" + key + "?exp=" + exp + "&sig="
                + signature(bucketName, key, exp);
    }

    /**
     * Whether {@code sig} is this server's signature of exactly this bucket, key and expiry, and
     * the expiry has not passed. Anything malformed is simply invalid; the MAC comparison is
     * constant-time.
     */
    public boolean verify(String bucketName, String key, String exp, String sig) {
        if (!MediaKeys.isBucket(bucketName)
                || !MediaKeys.isKey(key)
                || exp == null
                || !EXP.matcher(exp).matches()
                || sig == null
                || !SIG.matcher(sig).matches()) {
            return false;
        }
        long expiry = Long.parseLong(exp);
        boolean authentic = false;
        for (SecretKeySpec accepted : keys.accepted()) {
            // compared as canonical text, so no second spelling of a signature (unused trailing bits) passes
            byte[] expected = signature(accepted, bucketName, key, expiry).getBytes(StandardCharsets.US_ASCII);
            authentic |= MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
        }
        return authentic && clock.instant().getEpochSecond() < expiry;
    }

    String signature(String bucketName, String key, long exp) {
        return signature(keys.current(), bucketName, key, exp);
    }

    private static String signature(SecretKeySpec signingKey, String bucketName, String key, long exp) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmac(signingKey, bucketName + "/" + key + "\n" + exp));
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JDK", e);
        }
    }

    private static void requireNames(String bucketName, String key) {
        if (!MediaKeys.isBucket(bucketName) || !MediaKeys.isKey(key)) {
            throw new IllegalArgumentException("not a media bucket and key");
        }
    }
}
