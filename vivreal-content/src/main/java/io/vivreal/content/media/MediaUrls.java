package io.vivreal.content.media;

/**
 * Signed, expiring download URLs for media, as the Client API hands them to sites in {@code
 * currentFile.source}.
 */
public interface MediaUrls {

    String signedUrl(String bucketName, String key);
}
