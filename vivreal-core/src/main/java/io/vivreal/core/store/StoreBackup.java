package io.vivreal.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Backups of a data directory on the embedded store: the store file, the uploaded media and the
 * generated development secrets (without which the stored API keys could not be checked or
 * decrypted), in one zip.
 *
 * <p>The snapshot is consistent while the server runs: with writes held back for a moment, the
 * store is committed and copied through MVStore's own backup, and every media file is
 * hard-linked into a staging directory; the zip is then written from the staging copy with writes
 * flowing again. A media file is written before its record, and its record removed before the
 * file, so every file a record in the snapshot names is in the snapshot. The zip is written with
 * owner-only permissions: it holds every tenant's data and, in development, the secrets.
 */
public final class StoreBackup {

    static final String MEDIA = "media";
    static final String SECRETS = "secrets";
    static final String BACKUPS = "backups";
    static final String MANIFEST = "vivreal-backup.txt";

    private StoreBackup() {}

    /** What a backup or restore wrote. */
    public record Summary(Path file, long storeBytes, int mediaFiles, int secretFiles) {}

    /** How far a backup or restore is: {@code done} of {@code total} units (files, bytes). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void advanced(long done, long total);
    }

    /**
     * Writes a backup of {@code dataDir} to a new file in its {@code backups/} directory, holding
     * writes back through {@code quiet} while the store and media are captured.
     */
    static Summary write(Path dataDir, Progress progress, Quiet quiet) throws IOException {
        Path backups = Files.createDirectories(dataDir.resolve(BACKUPS));
        String id = Instant.now().toString().replace(":", "") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Path staging = backups.resolve(".staging-" + id);
        Path zip = backups.resolve("vivreal-" + id + ".zip");
        Files.createDirectories(staging);
        try {
            Path storeCopy = staging.resolve(EmbeddedMongoStore.STORE_FILE + ".zip");
            List<Path> mediaFiles = new ArrayList<>();
            quiet.run(storeBackup -> {
                try (OutputStream out = Files.newOutputStream(storeCopy);
                        ZipOutputStream storeZip = new ZipOutputStream(out)) {
                    storeBackup.backup(storeZip);
                }
                mediaFiles.addAll(linkMedia(dataDir.resolve(MEDIA), staging.resolve(MEDIA)));
            });
            createOwnerOnly(zip);
            long storeBytes;
            int secrets = 0;
            long total = 1L + mediaFiles.size();
            long done = 0;
            try (OutputStream out = Files.newOutputStream(zip);
                    ZipOutputStream backup = new ZipOutputStream(out)) {
                storeBytes = copyStoreEntry(storeCopy, backup);
                progress.advanced(++done, total);
                for (Path file : mediaFiles) {
                    add(
                            backup,
                            MEDIA + "/"
                                    + staging.resolve(MEDIA)
                                            .relativize(file)
                                            .toString()
                                            .replace('\\', '/'),
                            file);
                    progress.advanced(++done, total);
                }
                Path secretsDir = dataDir.resolve(SECRETS);
                if (Files.isDirectory(secretsDir)) {
                    try (Stream<Path> files = Files.list(secretsDir)) {
                        for (Path file :
                                files.filter(Files::isRegularFile).sorted().toList()) {
                            add(backup, SECRETS + "/" + file.getFileName(), file);
                            secrets++;
                        }
                    }
                }
                backup.putNextEntry(new ZipEntry(MANIFEST));
                backup.write(("Vivreal backup " + Instant.now() + "\nstore bytes: " + storeBytes + "\nmedia files: "
                                + mediaFiles.size() + "\nsecret files: " + secrets + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                backup.closeEntry();
            }
            return new Summary(zip, storeBytes, mediaFiles.size(), secrets);
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * Restores a backup into {@code dataDir}, which must be empty or absent; refuses anything that
     * is not a Vivreal backup or names a path outside the directory.
     */
    public static Summary restore(Path backup, Path dataDir) throws IOException {
        return restore(backup, dataDir, Progress.NONE);
    }

    /** {@link #restore(Path, Path)}, reporting the backup's bytes read of its size. */
    public static Summary restore(Path backup, Path dataDir, Progress progress) throws IOException {
        if (Files.exists(dataDir)) {
            try (Stream<Path> existing = Files.list(dataDir)) {
                if (existing.findAny().isPresent()) {
                    throw new IOException(
                            "the data directory " + dataDir + " is not empty; restore needs an empty one");
                }
            }
        }
        Path root = Files.createDirectories(dataDir).toAbsolutePath().normalize();
        long storeBytes = 0;
        int media = 0;
        int secrets = 0;
        boolean manifest = false;
        long size = Files.size(backup);
        try (CountingInput in = new CountingInput(Files.newInputStream(backup));
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                progress.advanced(Math.min(in.count, size), size);
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (name.equals(MANIFEST)) {
                    manifest = true;
                    continue;
                }
                Path target = root.resolve(name).normalize();
                boolean known = name.equals(EmbeddedMongoStore.STORE_FILE)
                        || name.startsWith(MEDIA + "/")
                        || name.startsWith(SECRETS + "/");
                if (!known || !target.startsWith(root) || target.equals(root)) {
                    throw new IOException("the backup holds an unexpected entry: " + name);
                }
                Files.createDirectories(target.getParent());
                if (name.startsWith(SECRETS + "/")) {
                    createOwnerOnly(target);
                }
                long bytes = Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                if (name.equals(EmbeddedMongoStore.STORE_FILE)) {
                    storeBytes = bytes;
                } else if (name.startsWith(MEDIA + "/")) {
                    media++;
                } else {
                    secrets++;
                }
            }
        }
        if (!manifest || storeBytes == 0) {
            throw new IOException(backup + " is not a Vivreal backup (no manifest or no store)");
        }
        progress.advanced(size, size);
        return new Summary(root.resolve(EmbeddedMongoStore.STORE_FILE), storeBytes, media, secrets);
    }

    /** Counts the bytes read through it, for restore's progress. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** Holds writes back while {@code capture} runs, with a way to back up the store file. */
    interface Quiet {
        void run(Capture capture) throws IOException;
    }

    interface Capture {
        void accept(StoreFileBackup store) throws IOException;
    }

    interface StoreFileBackup {
        void backup(ZipOutputStream zip) throws IOException;
    }

    private static List<Path> linkMedia(Path media, Path staging) throws IOException {
        List<Path> linked = new ArrayList<>();
        if (!Files.isDirectory(media)) {
            return linked;
        }
        try (Stream<Path> files = Files.walk(media)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue; // an upload still being written: its record is not in the snapshot
                }
                Path target = staging.resolve(media.relativize(file));
                Files.createDirectories(target.getParent());
                try {
                    Files.createLink(target, file);
                } catch (UnsupportedOperationException | IOException e) {
                    if (e instanceof FileAlreadyExistsException) {
                        throw (IOException) e;
                    }
                    Files.copy(file, target);
                }
                linked.add(target);
            }
        }
        return linked;
    }

    /** The store file out of MVStore's own backup zip, as the backup's store entry. */
    private static long copyStoreEntry(Path storeZip, ZipOutputStream backup) throws IOException {
        try (InputStream in = Files.newInputStream(storeZip);
                ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().endsWith(EmbeddedMongoStore.STORE_FILE)) {
                    backup.putNextEntry(new ZipEntry(EmbeddedMongoStore.STORE_FILE));
                    long bytes = zip.transferTo(backup);
                    backup.closeEntry();
                    return bytes;
                }
            }
        }
        throw new IOException("the store's backup holds no store file");
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
