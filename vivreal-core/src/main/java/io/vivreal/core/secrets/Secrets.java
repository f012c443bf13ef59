package io.vivreal.core.secrets;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets this process runs with, resolved once at start-up.
 *
 * <p>In development a missing secret is generated into the data directory so {@code ./vivreal
 * serve} needs no setup. In production a missing secret, or one that was generated for
 * development, stops the start with a message naming it — never its value.
 */
public final class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    private final Map<SecretName, Secret> values;

    private Secrets(Map<SecretName, Secret> values) {
        this.values = values;
    }

    public static Secrets of(Map<SecretName, Secret> values) {
        Map<SecretName, Secret> copy = new EnumMap<>(SecretName.class);
        copy.putAll(values);
        return new Secrets(copy);
    }

    /**
     * Resolves every secret from the providers in order.
     *
     * @param generateInto where to generate missing secrets; empty in production
     */
    public static Secrets resolve(
            List<SecretsProvider> providers, Optional<Path> generateInto, boolean production, SecureRandom random) {
        Map<SecretName, Secret> values = new EnumMap<>(SecretName.class);
        List<String> problems = new ArrayList<>();
        for (SecretName name : SecretName.values()) {
            Optional<Secret> found = providers.stream()
                    .map(provider -> provider.find(name))
                    .flatMap(Optional::stream)
                    .findFirst();
            if (found.isEmpty() && !production && generateInto.isPresent()) {
                found = Optional.of(new DevSecretsGenerator(random).generate(generateInto.get(), name));
                log.info("generated development secret {} into {}", name.fileName(), generateInto.get());
            }
            if (found.isEmpty()) {
                problems.add("secret '" + name.fileName() + "' is missing (set " + name.environmentVariable()
                        + " or provide the file '" + name.fileName() + "')");
            } else if (production && found.get().devGenerated()) {
                problems.add("secret '" + name.fileName() + "' from "
                        + found.get().source() + " is a generated development secret; production needs its own");
            } else {
                values.put(name, found.get());
                log.info("secret {} from {}", name.fileName(), found.get().source());
            }
        }
        if (!problems.isEmpty()) {
            throw new SecretsException("refusing to start: " + String.join("; ", problems));
        }
        return new Secrets(values);
    }

    public Secret get(SecretName name) {
        Secret secret = values.get(name);
        if (secret == null) {
            throw new SecretsException("secret '" + name.fileName() + "' is not available");
        }
        return secret;
    }

    /** A secret holding base64 key material, decoded; at least 32 bytes. */
    public byte[] keyBytes(SecretName name) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(get(name).value());
        } catch (IllegalArgumentException e) {
            throw new SecretsException("secret '" + name.fileName() + "' is not valid base64");
        }
        if (bytes.length < 32) {
            throw new SecretsException("secret '" + name.fileName() + "' must hold at least 32 bytes");
        }
        return bytes;
    }

    /** Raised when secrets are missing or unfit; its message names secrets, never values. */
    public static final class SecretsException extends RuntimeException {
        public SecretsException(String message) {
            super(message);
        }
    }
}
