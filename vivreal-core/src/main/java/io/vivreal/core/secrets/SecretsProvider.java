package io.vivreal.core.secrets;

import java.util.Optional;

/**
 * Where secrets come from: the environment, a directory of files (Docker and Kubernetes secrets,
 * or the generated development secrets), and in production a secret manager.
 */
public interface SecretsProvider {

    Optional<Secret> find(SecretName name);

    /** Reads the source again, for {@link Secrets#refresh()}; throws when it cannot be read. */
    default void refresh() {}

    /** How an operator provides {@code name} through this source, for a start-up error. */
    default String hint(SecretName name) {
        return "provide '" + name.fileName() + "'";
    }

    /** Values generated for development are stored with this prefix so production can refuse them. */
    String DEV_MARKER = "dev-generated:";

    static Secret parse(SecretName name, String raw, String source) {
        String trimmed = raw.strip();
        if (trimmed.startsWith(DEV_MARKER)) {
            return new Secret(name, trimmed.substring(DEV_MARKER.length()), source, true);
        }
        return new Secret(name, trimmed, source, false);
    }
}
