package io.vivreal.content.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where the bytes of uploaded files live, addressed by a group's bucket name and a media key.
 * Implementations must refuse any bucket or key outside {@link MediaKeys}' grammar, so no caller
 * mistake can reach a file outside the media area. Files on disk today ({@link
 * FilesystemMediaStorage}); an S3 bucket can implement the same four operations.
 */
public interface MediaStorage {

    /** Stores the stream's bytes under the key, all or nothing; answers how many bytes were stored. */
    long put(String bucketName, String key, InputStream content) throws IOException;

    /** The stored bytes, or empty when there is no such file. */
    Optional<InputStream> open(String bucketName, String key) throws IOException;

    /** Removes the file; answers whether there was one. */
    boolean delete(String bucketName, String key) throws IOException;

    boolean exists(String bucketName, String key);

    /** Bytes that can still be written where the files live; unbounded for remote storage. */
    default long usableBytes() throws IOException {
        return Long.MAX_VALUE;
    }
}
