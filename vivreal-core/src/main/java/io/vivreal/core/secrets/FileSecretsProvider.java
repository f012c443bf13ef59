package io.vivreal.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads one file per secret from a directory, as Docker and Kubernetes mount them. */
public final class FileSecretsProvider implements SecretsProvider {

    private final Path directory;

    public FileSecretsProvider(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<Secret> find(SecretName name) {
        Path file = directory.resolve(name.fileName());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String value = Files.readString(file);
            if (value.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(SecretsProvider.parse(name, value, "file " + file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }

    /** Files are read on every lookup, so a refresh sees a secret Kubernetes updated in place. */
    @Override
    public String hint(SecretName name) {
        return "provide the file '" + name.fileName() + "'";
    }
}
