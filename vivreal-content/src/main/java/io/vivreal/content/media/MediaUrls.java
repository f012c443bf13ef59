package io.vivreal.content.media;

import java.util.Map;

/**
 * Signed, expiring download URLs for media, as the Client API hands them to sites in {@code
 * currentFile.source}.
 */
public interface MediaUrls {

    String signedUrl(String bucketName, String key);

    /**
     * A media value's {@code currentFile}: {@code source}, the signed URL of the file, and for
     * images {@code srcset}, its signed derivatives in HTML {@code srcset} syntax.
     */
    default Map<String, Object> currentFile(String bucketName, String key) {
        return Map.of("source", signedUrl(bucketName, key));
    }
}
