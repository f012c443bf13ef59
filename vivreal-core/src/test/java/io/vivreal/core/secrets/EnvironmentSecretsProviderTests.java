package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSecretsProviderTests {

    @Test
    void readsTheVivrealSecretVariableOfEachName() {
        Map<String, String> env = Map.of(
                "VIVREAL_SECRET_JWT_SIGNING_KEY", "jwt",
                "VIVREAL_SECRET_CONTEXT_SECRET", "ctx",
                "VIVREAL_SECRET_API_KEY_PEPPER", "pepper",
                "VIVREAL_SECRET_ENCRYPTION_KEYS", "keys");
        EnvironmentSecretsProvider provider = new EnvironmentSecretsProvider(env);
        assertThat(provider.find(SecretName.JWT_SIGNING_KEY).orElseThrow().value())
                .isEqualTo("jwt");
        assertThat(provider.find(SecretName.CONTEXT_SECRET).orElseThrow().value())
                .isEqualTo("ctx");
        assertThat(provider.find(SecretName.API_KEY_PEPPER).orElseThrow().value())
                .isEqualTo("pepper");
        assertThat(provider.find(SecretName.ENCRYPTION_KEYS).orElseThrow().value())
                .isEqualTo("keys");
    }

    @Test
    void answersEnvironmentAsSourceAndNotDevGenerated() {
        Secret secret = new EnvironmentSecretsProvider(Map.of("VIVREAL_SECRET_CONTEXT_SECRET", "ctx"))
                .find(SecretName.CONTEXT_SECRET)
                .orElseThrow();
        assertThat(secret.source()).isEqualTo("environment");
        assertThat(secret.devGenerated()).isFalse();
        assertThat(secret.name()).isEqualTo(SecretName.CONTEXT_SECRET);
    }

    @Test
    void findsNothingForAMissingVariable() {
        assertThat(new EnvironmentSecretsProvider(Map.of()).find(SecretName.API_KEY_PEPPER))
                .isEmpty();
    }

    @Test
    void findsNothingForABlankVariable() {
        EnvironmentSecretsProvider provider = new EnvironmentSecretsProvider(Map.of(
                "VIVREAL_SECRET_API_KEY_PEPPER", "",
                "VIVREAL_SECRET_CONTEXT_SECRET", "  \n\t "));
        assertThat(provider.find(SecretName.API_KEY_PEPPER)).isEmpty();
        assertThat(provider.find(SecretName.CONTEXT_SECRET)).isEmpty();
    }

    @Test
    void ignoresVariablesWithOtherSpellings() {
        EnvironmentSecretsProvider provider = new EnvironmentSecretsProvider(Map.of(
                "vivreal_secret_api_key_pepper", "lower",
                "VIVREAL_SECRET_API-KEY-PEPPER", "dashes",
                "API_KEY_PEPPER", "bare",
                "VIVREAL_API_KEY_PEPPER", "no-secret"));
        assertThat(provider.find(SecretName.API_KEY_PEPPER)).isEmpty();
    }

    @Test
    void stripsWhitespaceAroundTheValue() {
        assertThat(new EnvironmentSecretsProvider(Map.of("VIVREAL_SECRET_CONTEXT_SECRET", " ctx \n"))
                        .find(SecretName.CONTEXT_SECRET)
                        .orElseThrow()
                        .value())
                .isEqualTo("ctx");
    }

    @Test
    void marksADevGeneratedValue() {
        Secret secret = new EnvironmentSecretsProvider(Map.of("VIVREAL_SECRET_CONTEXT_SECRET", "dev-generated:ctx"))
                .find(SecretName.CONTEXT_SECRET)
                .orElseThrow();
        assertThat(secret.devGenerated()).isTrue();
        assertThat(secret.value()).isEqualTo("ctx");
    }

    @Test
    void copiesTheEnvironmentSoLaterChangesAreNotSeen() {
        Map<String, String> env = new HashMap<>();
        env.put("VIVREAL_SECRET_CONTEXT_SECRET", "before");
        EnvironmentSecretsProvider provider = new EnvironmentSecretsProvider(env);
        env.put("VIVREAL_SECRET_CONTEXT_SECRET", "after");
        env.put("VIVREAL_SECRET_API_KEY_PEPPER", "added");
        assertThat(provider.find(SecretName.CONTEXT_SECRET).orElseThrow().value())
                .isEqualTo("before");
        assertThat(provider.find(SecretName.API_KEY_PEPPER)).isEmpty();
    }
}
