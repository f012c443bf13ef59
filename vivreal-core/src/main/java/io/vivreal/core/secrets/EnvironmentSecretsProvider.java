package io.vivreal.core.secrets;

import java.util.Map;
import java.util.Optional;

/** Reads {@code VIVREAL_SECRET_<NAME>} environment variables. */
public final class EnvironmentSecretsProvider implements SecretsProvider {

    private final Map<String, String> environment;

    public EnvironmentSecretsProvider(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<Secret> find(SecretName name) {
        String value = environment.get(name.environmentVariable());
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(SecretsProvider.parse(name, value, "environment"));
    }

    @Override
    public String hint(SecretName name) {
        return "set " + name.environmentVariable();
    }
}
