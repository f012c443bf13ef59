package io.vivreal.core.secrets;

import io.vivreal.core.config.PeriodicTask;
import io.vivreal.core.config.VivrealProperties;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the secret sources from {@code VIVREAL_SECRETS}: {@code env}, {@code file:<dir>}, {@code
 * aws:<secret-name>}, or by default the environment first and then {@code <data-dir>/secrets},
 * where a development run generates what is missing. Whatever the source, the secrets are read
 * again every {@code VIVREAL_SECRETS_REFRESH_INTERVAL}.
 */
@Configuration(proxyBeanMethods = false)
public class SecretsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    Secrets secrets(VivrealProperties properties, SecureRandom random, Clock clock) {
        String source = properties.secrets().strip();
        List<SecretsProvider> providers;
        Optional<Path> generateInto = Optional.empty();
        if (source.equals("env")) {
            providers = List.of(environment());
        } else if (source.startsWith("file:")) {
            providers = List.of(new FileSecretsProvider(Path.of(source.substring("file:".length()))));
        } else if (source.startsWith("aws:")) {
            providers = List.of(AwsSecretsManagerProvider.create(
                    source.substring("aws:".length()).strip(), properties.awsEndpoint()));
        } else if (source.isEmpty()) {
            Path generated = properties.dataDir().resolve("secrets");
            providers = List.of(environment(), new FileSecretsProvider(generated));
            generateInto = properties.production() ? Optional.empty() : Optional.of(generated);
        } else {
            throw new Secrets.SecretsException(
                    "VIVREAL_SECRETS must be 'env', 'file:<dir>' or 'aws:<secret-name>', not '" + source + "'");
        }
        return Secrets.resolve(
                providers, generateInto, properties.production(), random, clock, properties.secretsOverlap());
    }

    /**
     * Reads the secrets again on an interval. A failure is logged with its message — ours name the
     * source and the AWS error code, never a value — so an operator sees why (for example {@code
     * AccessDeniedException} after a policy change); the running values stay.
     */
    @Bean
    PeriodicTask secretsRefresh(Secrets secrets, VivrealProperties properties) {
        Runnable refresh = () -> {
            try {
                secrets.refresh();
            } catch (Secrets.SecretsException e) {
                log.warn("secrets refresh failed, keeping the running values: {}", e.getMessage());
            }
        };
        return new PeriodicTask("secrets-refresh", properties.secretsRefreshInterval(), refresh, () -> {});
    }

    private static EnvironmentSecretsProvider environment() {
        return new EnvironmentSecretsProvider(System.getenv());
    }
}
