package io.vivreal.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Writes strong random secrets for a development run, each in its own file readable only by its
 * owner (mode 0600), marked as generated so a production start refuses them.
 */
public final class DevSecretsGenerator {

    private final SecureRandom random;

    public DevSecretsGenerator(SecureRandom random) {
        this.random = random;
    }

    /** Generates the secret into {@code directory} and answers it; never overwrites a non-blank file. */
    public Secret generate(Path directory, SecretName name) {
        return write(directory, name, SecretsProvider.DEV_MARKER + name.generate(random));
    }

    /** Generates a production secret (not marked) for an operator to move into place. */
    public Secret generateForProduction(Path directory, SecretName name) {
        return write(directory, name, name.generate(random));
    }

    private static Secret write(Path directory, SecretName name, String content) {
        try {
            Files.createDirectories(directory);
            trySetMode(directory, "rwx------");
            Path file = directory.resolve(name.fileName());
            if (Files.exists(file) && !Files.readString(file).isBlank()) {
                throw new IOException("refusing to overwrite " + file);
            }
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            return SecretsProvider.parse(name, content, "file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write secret " + name.fileName() + " into " + directory, e);
        }
    }

    private static void trySetMode(Path path, String mode) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    }
}
