package io.vivreal.content.media;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The grammar of storage names. A media key is 96 random bits in hex plus the extension of its
 * sniffed type, chosen by us and never by the uploader; a bucket name is a group's URL-safe key.
 * Neither can contain a dot-dot, a slash, a backslash or anything percent-encoded, so a name that
 * passes {@link #isKey} and {@link #isBucket} is always a single, plain path segment.
 *
 * <p>An image's derivatives are named after it: {@code <24 hex>-<width>w.<extension>}, so they sort
 * beside their original in a bucket listing and a derivative key is never a fresh upload's key.
 */
public final class MediaKeys {

    public static final Pattern KEY =
            Pattern.compile("[0-9a-f]{24}(?:-[1-9][0-9]{1,4}w)?\\.(?:jpg|png|gif|webp|pdf|mp4|webm)");
    public static final Pattern BUCKET = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    private MediaKeys() {}

    public static String newKey(SecureRandom random, AllowedMediaType type) {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id) + "." + type.keyExtension();
    }

    /** The key of {@code original}'s derivative at {@code width} pixels, stored as {@code type}. */
    public static String derivativeKey(String original, int width, AllowedMediaType type) {
        if (!isKey(original) || original.indexOf('-') >= 0 || width < 10 || width > 99_999) {
            throw new IllegalArgumentException("not an original media key or a derivative width");
        }
        return original.substring(0, 24) + "-" + width + "w." + type.keyExtension();
    }

    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    public static boolean isBucket(String bucketName) {
        return bucketName != null && BUCKET.matcher(bucketName).matches();
    }
}
