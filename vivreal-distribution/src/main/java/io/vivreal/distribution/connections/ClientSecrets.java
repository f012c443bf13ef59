package io.vivreal.distribution.connections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OAuth client secrets, named like the server's own secrets: {@code VIVREAL_SECRET_<NAME>} in the
 * environment, else the file {@code <name>} in the secrets directory ({@code VIVREAL_SECRETS=file:<dir>}
 * or {@code <data-dir>/secrets}). Unlike those they are optional — a server without a LinkedIn app
 * simply cannot connect LinkedIn channels — so they are not part of the start-up check. The file
 * is read on every use, so a secret rotated in place is used at the next connection or refresh.
 */
public final class ClientSecrets {

    private final Map<String, String> environment;
    private final Optional<Path> directory;

    public ClientSecrets(Map<String, String> environment, Optional<Path> directory) {
        this.environment = Map.copyOf(environment);
        this.directory = directory;
    }

    public Optional<String> find(String name) {
        String variable = "VIVREAL_SECRET_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
        String value = environment.get(variable);
        if (value != null && !value.isBlank()) {
            return Optional.of(value.strip());
        }
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Path file = directory.get().resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String read = Files.readString(file).strip();
            return read.isEmpty() ? Optional.empty() : Optional.of(read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }
}
