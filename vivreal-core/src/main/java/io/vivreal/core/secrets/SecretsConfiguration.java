package io.vivreal.core.secrets;

import io.vivreal.core.config.VivrealProperties;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the secret sources from {@code VIVREAL_SECRETS}: {@code env}, {@code file:<dir>}, or by
 * default the environment first and then {@code <data-dir>/secrets}, where a development run
 * generates what is missing.
 */
@Configuration(proxyBeanMethods = false)
public class SecretsConfiguration {

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    Secrets secrets(VivrealProperties properties, SecureRandom random) {
        String source = properties.secrets().strip();
        EnvironmentSecretsProvider environment = new EnvironmentSecretsProvider(System.getenv());
        if (source.equals("env")) {
            return Secrets.resolve(List.of(environment), Optional.empty(), properties.production(), random);
        }
        if (source.startsWith("file:")) {
            Path directory = Path.of(source.substring("file:".length()));
            return Secrets.resolve(
                    List.of(new FileSecretsProvider(directory)), Optional.empty(), properties.production(), random);
        }
        if (!source.isEmpty()) {
            throw new Secrets.SecretsException("VIVREAL_SECRETS must be 'env' or 'file:<dir>', not '" + source + "'");
        }
        Path generated = properties.dataDir().resolve("secrets");
        return Secrets.resolve(
                List.of(environment, new FileSecretsProvider(generated)),
                properties.production() ? Optional.empty() : Optional.of(generated),
                properties.production(),
                random);
    }
}
