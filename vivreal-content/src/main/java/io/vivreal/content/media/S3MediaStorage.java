package io.vivreal.content.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Media files in an S3 bucket, each group's under its {@code bucketName} prefix. An upload is
 * spooled to a temporary file first (S3 wants its length up front, and a single PUT is atomic:
 * readers see the whole object or none). Objects carry the sniffed type and, for PDFs, an
 * attachment disposition, so S3 serves them as the server itself would.
 */
public final class S3MediaStorage implements MediaStorage, AutoCloseable {

    private final S3Client s3;
    private final S3Location location;

    public S3MediaStorage(S3Client s3, S3Location location) {
        this.s3 = s3;
        this.location = location;
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public long put(String bucketName, String key, InputStream content) throws IOException {
        String objectKey = location.objectKey(bucketName, key);
        AllowedMediaType type = AllowedMediaType.ofKey(key).orElseThrow();
        Path spool = Files.createTempFile("vivreal-media-", ".part");
        try {
            long length;
            try (OutputStream out = Files.newOutputStream(spool)) {
                length = content.transferTo(out);
            }
            s3.putObject(
                    request -> request.bucket(location.bucket())
                            .key(objectKey)
                            .contentType(type.mimeType())
                            .contentDisposition(type.inline() ? "inline" : "attachment")
                            .contentLength(length),
                    RequestBody.fromFile(spool));
            return length;
        } catch (SdkException e) {
            throw new IOException("S3 refused the upload: " + e.getClass().getSimpleName());
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public Optional<InputStream> open(String bucketName, String key) throws IOException {
        String objectKey = location.objectKey(bucketName, key);
        try {
            return Optional.of(
                    s3.getObject(request -> request.bucket(location.bucket()).key(objectKey)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("S3 read failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean delete(String bucketName, String key) throws IOException {
        String objectKey = location.objectKey(bucketName, key);
        boolean existed = exists(bucketName, key);
        try {
            s3.deleteObject(request -> request.bucket(location.bucket()).key(objectKey));
        } catch (SdkException e) {
            throw new IOException("S3 delete failed: " + e.getClass().getSimpleName());
        }
        return existed;
    }

    @Override
    public boolean exists(String bucketName, String key) {
        String objectKey = location.objectKey(bucketName, key);
        try {
            s3.headObject(request -> request.bucket(location.bucket()).key(objectKey));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
