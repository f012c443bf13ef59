package io.vivreal.content.media;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * {@code VIVREAL_MEDIA_STORAGE=s3://<bucket>[/<prefix>]}: the bucket and an optional key prefix.
 * Each group's files are then at {@code <prefix>/<group bucketName>/<media key>}.
 */
public record S3Location(String bucket, String prefix) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("(?:[A-Za-z0-9_-]+/)*");

    public S3Location {
        if (!BUCKET.matcher(bucket).matches() || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("VIVREAL_MEDIA_STORAGE must be s3://<bucket>[/<prefix>]");
        }
    }

    public static boolean isS3(String storage) {
        return storage != null && storage.startsWith("s3://");
    }

    public static S3Location parse(String storage) {
        URI uri;
        try {
            uri = URI.create(storage);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VIVREAL_MEDIA_STORAGE must be s3://<bucket>[/<prefix>]");
        }
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("VIVREAL_MEDIA_STORAGE must be s3://<bucket>[/<prefix>]");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+", "");
        if (!path.isEmpty() && !path.endsWith("/")) {
            path = path + "/";
        }
        return new S3Location(uri.getHost(), path);
    }

    /** The object key of a group's file; both names checked against {@link MediaKeys}' grammar. */
    public String objectKey(String bucketName, String key) {
        if (!MediaKeys.isBucket(bucketName) || !MediaKeys.isKey(key)) {
            throw new IllegalArgumentException("not a media bucket and key");
        }
        return prefix + bucketName + "/" + key;
    }
}
