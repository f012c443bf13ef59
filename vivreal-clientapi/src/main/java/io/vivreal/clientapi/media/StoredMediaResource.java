package io.vivreal.clientapi.media;

import io.vivreal.content.media.MediaStorage;
import io.vivreal.content.media.StoredMedia;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.AbstractResource;

/**
 * A stored file as a re-readable resource of known length, so Spring writes {@code Content-Length}
 * and answers {@code Range} requests (which video players send) from the storage stream.
 */
final class StoredMediaResource extends AbstractResource {

    private final MediaStorage storage;
    private final StoredMedia file;

    StoredMediaResource(MediaStorage storage, StoredMedia file) {
        this.storage = storage;
        this.file = file;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return storage.open(file.bucketName(), file.key())
                .orElseThrow(() -> new FileNotFoundException("media file is gone"));
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public long contentLength() {
        return file.size();
    }

    @Override
    public String getFilename() {
        return null;
    }

    @Override
    public String getDescription() {
        return "media " + file.key();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredMediaResource resource && resource.file.equals(file);
    }

    @Override
    public int hashCode() {
        return file.hashCode();
    }
}
