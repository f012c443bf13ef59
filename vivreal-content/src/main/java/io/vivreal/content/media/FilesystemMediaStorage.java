package io.vivreal.content.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Media files under {@code <data-dir>/media/<bucketName>/<key>}.
 *
 * <p>A file is written to a temporary name in its bucket directory, forced to disk and then moved
 * into place atomically, so a reader never sees half a file and a crash leaves at most a stray
 * temporary file. Bucket and key must match {@link MediaKeys}' strict patterns before any path is
 * built, and the resolved path is checked to lie inside the media root as a second guard.
 */
public final class FilesystemMediaStorage implements MediaStorage {

    private static final String TEMP_PREFIX = ".upload-";

    private final Path root;

    public FilesystemMediaStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public long usableBytes() throws IOException {
        Files.createDirectories(root);
        return Files.getFileStore(root).getUsableSpace();
    }

    @Override
    public long put(String bucketName, String key, InputStream content) throws IOException {
        Path target = path(bucketName, key);
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, TEMP_PREFIX, ".part");
        try {
            long written;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                written = content.transferTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<InputStream> open(String bucketName, String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(bucketName, key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(String bucketName, String key) throws IOException {
        return Files.deleteIfExists(path(bucketName, key));
    }

    @Override
    public boolean exists(String bucketName, String key) {
        return Files.isRegularFile(path(bucketName, key));
    }

    private Path path(String bucketName, String key) {
        if (!MediaKeys.isBucket(bucketName) || !MediaKeys.isKey(key)) {
            throw new IllegalArgumentException("not a media bucket and key");
        }
        Path path = root.resolve(bucketName).resolve(key).normalize();
        if (!path.startsWith(root) || !path.getParent().getParent().equals(root)) {
            throw new IllegalArgumentException("not a media bucket and key");
        }
        return path;
    }
}
