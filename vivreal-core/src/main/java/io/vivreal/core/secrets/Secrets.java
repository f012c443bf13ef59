package io.vivreal.core.secrets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets this process runs with, resolved at start-up and, when a provider can change them
 * (a secret manager, mounted files), refreshed while running.
 *
 * <p>In development a missing secret is generated into the data directory so {@code ./vivreal
 * serve} needs no setup. In production a missing secret, or one that was generated for
 * development, stops the start with a message naming it — never its value.
 *
 * <p>Rotation: when {@link #refresh()} finds a changed value for a secret that {@linkplain
 * SecretName#rotatesLive() rotates live}, the new value becomes current and the old one stays
 * {@linkplain #accepted accepted} for the overlap window, so whatever was signed or encrypted just
 * before the rotation still verifies. A changed value is taken only after every derivation
 * registered through {@link #rotating} accepts it; an unusable value is refused with a warning and
 * the running value stays.
 */
public final class Secrets {

    /** How long a replaced value is still accepted for verification, unless configured. */
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    /** One secret's values: the current one and, until {@code previousUntil}, the one it replaced. */
    record Versions(Secret current, Secret previous, Instant previousUntil) {}

    private final Map<SecretName, Versions> versions = new ConcurrentHashMap<>();
    private final Map<SecretName, List<Function<Secret, ?>>> derivations = new ConcurrentHashMap<>();
    private final Map<SecretName, Secret> awaitingRestart = new ConcurrentHashMap<>();
    private final List<SecretsProvider> providers;
    private final boolean production;
    private final Clock clock;
    private final Duration overlap;

    private Secrets(
            Map<SecretName, Secret> values,
            List<SecretsProvider> providers,
            boolean production,
            Clock clock,
            Duration overlap) {
        values.forEach((name, secret) -> versions.put(name, new Versions(secret, null, Instant.MIN)));
        this.providers = List.copyOf(providers);
        this.production = production;
        this.clock = clock;
        this.overlap = overlap;
    }

    /** Fixed values, never refreshed. */
    public static Secrets of(Map<SecretName, Secret> values) {
        return new Secrets(values, List.of(), false, Clock.systemUTC(), DEFAULT_OVERLAP);
    }

    /**
     * Resolves every secret from the providers in order, with the default overlap.
     *
     * @param generateInto where to generate missing secrets; empty in production
     */
    public static Secrets resolve(
            List<SecretsProvider> providers, Optional<Path> generateInto, boolean production, SecureRandom random) {
        return resolve(providers, generateInto, production, random, Clock.systemUTC(), DEFAULT_OVERLAP);
    }

    /**
     * Resolves every secret from the providers in order; {@link #refresh()} reads them again.
     *
     * @param generateInto where to generate missing secrets; empty in production
     * @param overlap how long a replaced value is still accepted for verification
     */
    public static Secrets resolve(
            List<SecretsProvider> providers,
            Optional<Path> generateInto,
            boolean production,
            SecureRandom random,
            Clock clock,
            Duration overlap) {
        if (overlap.isNegative()) {
            throw new SecretsException("the secrets overlap must not be negative");
        }
        Map<SecretName, Secret> values = new EnumMap<>(SecretName.class);
        List<String> problems = new ArrayList<>();
        for (SecretName name : SecretName.values()) {
            Optional<Secret> found = find(providers, name);
            if (found.isEmpty() && !production && generateInto.isPresent()) {
                found = Optional.of(new DevSecretsGenerator(random).generate(generateInto.get(), name));
                log.info("generated development secret {} into {}", name.fileName(), generateInto.get());
            }
            if (found.isEmpty()) {
                problems.add("secret '" + name.fileName() + "' is missing (" + hints(providers, name) + ")");
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
        return new Secrets(values, providers, production, clock, overlap);
    }

    private static Optional<Secret> find(List<SecretsProvider> providers, SecretName name) {
        return providers.stream()
                .map(provider -> provider.find(name))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static String hints(List<SecretsProvider> providers, SecretName name) {
        List<String> hints =
                providers.stream().map(provider -> provider.hint(name)).toList();
        return hints.isEmpty() ? "no secrets provider configured" : String.join(" or ", hints);
    }

    /** The current value: what signs and encrypts. */
    public Secret get(SecretName name) {
        return versions(name).current();
    }

    /** The values that verify and decrypt: the current one, then the previous one within the overlap. */
    public List<Secret> accepted(SecretName name) {
        Versions found = versions(name);
        return withinOverlap(found) ? List.of(found.current(), found.previous()) : List.of(found.current());
    }

    /** A secret holding base64 key material, decoded; at least 32 bytes. */
    public byte[] keyBytes(SecretName name) {
        return decodeKey(get(name));
    }

    /**
     * The secret as a {@link RotatingSecret} of whatever {@code derive} makes of each version. The
     * derivation also guards rotation: a refreshed value it rejects (by throwing) is not taken.
     */
    public <T> RotatingSecret<T> rotating(SecretName name, Function<Secret, T> derive) {
        versions(name);
        derivations.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(derive);
        return new LiveSecret<>(this, name, derive);
    }

    /** {@link #keyBytes} as a {@link RotatingSecret}. */
    public RotatingSecret<byte[]> rotatingKeyBytes(SecretName name) {
        return rotating(name, Secrets::decodeKey);
    }

    /**
     * Reads every provider again and takes the values that changed; answers the names rotated. A
     * provider that cannot be read throws, and every running value stays.
     */
    public synchronized List<SecretName> refresh() {
        for (SecretsProvider provider : providers) {
            provider.refresh();
        }
        List<SecretName> rotated = new ArrayList<>();
        for (SecretName name : SecretName.values()) {
            Versions running = versions.get(name);
            Optional<Secret> found = find(providers, name);
            if (running == null || found.isEmpty() || same(found.get(), running.current())) {
                continue;
            }
            if (take(name, running, found.get())) {
                rotated.add(name);
            }
        }
        return rotated;
    }

    private boolean take(SecretName name, Versions running, Secret fresh) {
        if (production && fresh.devGenerated()) {
            log.warn(
                    "secret {} from {} changed to a generated development secret; keeping the running value",
                    name.fileName(),
                    fresh.source());
            return false;
        }
        if (!name.rotatesLive()) {
            Secret warned = awaitingRestart.put(name, fresh);
            if (warned == null || !same(warned, fresh)) {
                log.warn(
                        "secret {} from {} changed; it is read only at start-up, restart to use it",
                        name.fileName(),
                        fresh.source());
            }
            return false;
        }
        String problem = problemWith(name, fresh);
        if (problem != null) {
            log.warn(
                    "secret {} from {} changed to an unusable value ({}); keeping the running value",
                    name.fileName(),
                    fresh.source(),
                    problem);
            return false;
        }
        Instant until = clock.instant().plus(overlap);
        versions.put(name, new Versions(fresh, running.current(), until));
        log.info(
                "secret {} rotated (from {}); the previous value is accepted for verification until {}",
                name.fileName(),
                fresh.source(),
                until);
        return true;
    }

    /** Runs every registered derivation on the new value; the first failure, described without the value. */
    private String problemWith(SecretName name, Secret fresh) {
        for (Function<Secret, ?> derive : derivations.getOrDefault(name, List.of())) {
            try {
                derive.apply(fresh);
            } catch (SecretsException | IllegalArgumentException e) {
                // our derivations' messages name secrets and key ids, never values
                return e.getMessage();
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName();
            }
        }
        return null;
    }

    Versions versions(SecretName name) {
        Versions found = versions.get(name);
        if (found == null) {
            throw new SecretsException("secret '" + name.fileName() + "' is not available");
        }
        return found;
    }

    boolean withinOverlap(Versions found) {
        return found.previous() != null && clock.instant().isBefore(found.previousUntil());
    }

    private static boolean same(Secret a, Secret b) {
        return MessageDigest.isEqual(
                a.value().getBytes(StandardCharsets.UTF_8), b.value().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] decodeKey(Secret secret) {
        String name = secret.name().fileName();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.value());
        } catch (IllegalArgumentException e) {
            throw new SecretsException("secret '" + name + "' is not valid base64");
        }
        if (bytes.length < 32) {
            throw new SecretsException("secret '" + name + "' must hold at least 32 bytes");
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
