package io.vivreal.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The encryption key ring kept in a secrets directory ({@code <dir>/encryption-keys}), which
 * {@code ./vivreal admin rotate-encryption-key --generate} extends with a new active key.
 *
 * <p>The file is replaced, never edited in place: the new content goes to a temporary file in the
 * same directory, created with mode 0600, which is then moved over the old one atomically. A
 * crash leaves either the old ring or the new one, never half a key, and the old keys stay in the
 * ring so everything encrypted under them still decrypts. A development ring keeps its {@code
 * dev-generated:} mark; a production ring stays unmarked.
 */
public final class KeyRingFile {

    private static final int MAX_ATTEMPTS = 8;

    private final Path file;
    private final SecureRandom random;

    public KeyRingFile(Path directory, SecureRandom random) {
        this.file = directory.resolve(SecretName.ENCRYPTION_KEYS.fileName());
        this.random = random;
    }

    public Path file() {
        return file;
    }

    /** Puts a new random 32-byte key with a fresh id in front of the ring and answers its id. */
    public String addActiveKey() {
        Secret current = read();
        Set<String> ids = new HashSet<>();
        Arrays.stream(current.value().split(",")).forEach(entry -> ids.add(idOf(entry)));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String entry = SecretName.ENCRYPTION_KEYS.generate(random);
            String id = idOf(entry);
            if (!ids.contains(id)) {
                String marker = current.devGenerated() ? SecretsProvider.DEV_MARKER : "";
                replace(marker + entry + "," + current.value());
                return id;
            }
        }
        throw new IllegalStateException("could not draw a key id that is not already in the ring");
    }

    private Secret read() {
        try {
            String raw = Files.isRegularFile(file) ? Files.readString(file) : "";
            if (raw.isBlank()) {
                throw new Secrets.SecretsException("no encryption key ring at " + file
                        + " (start the server once to generate one, or use ./vivreal admin generate-secrets)");
            }
            return SecretsProvider.parse(SecretName.ENCRYPTION_KEYS, raw, "file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void replace(String content) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp-" + Long.toHexString(random.nextLong()));
        try {
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, content + "\n");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the move already happened or the directory is gone; nothing secret is left behind
            }
        }
    }

    private static String idOf(String entry) {
        int colon = entry.indexOf(':');
        return colon < 0 ? entry.strip() : entry.substring(0, colon).strip();
    }
}
