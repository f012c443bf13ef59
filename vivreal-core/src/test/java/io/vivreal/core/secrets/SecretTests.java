package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTests {

    private static final String VALUE = "c2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1uZXZlci1sZWFr";

    @Test
    void toStringShowsNameAndSourceButNeverTheValue() {
        Secret secret = new Secret(SecretName.API_KEY_PEPPER, VALUE, "environment", false);
        assertThat(secret.toString())
                .isEqualTo("Secret[api-key-pepper from environment]")
                .doesNotContain(VALUE)
                .doesNotContain(VALUE.substring(0, 8));
    }

    @Test
    void toStringOfADevGeneratedSecretNeverShowsTheValue() {
        Secret secret =
                SecretsProvider.parse(SecretName.CONTEXT_SECRET, "dev-generated:" + VALUE, "file /x/context-secret");
        assertThat(secret.toString()).doesNotContain(VALUE).contains("context-secret");
    }

    @Test
    void secretsInsideCollectionsStillHideTheirValues() {
        Secret secret = new Secret(SecretName.JWT_SIGNING_KEY, VALUE, "environment", false);
        assertThat(List.of(secret).toString()).doesNotContain(VALUE);
        assertThat(Map.of(SecretName.JWT_SIGNING_KEY, secret).toString()).doesNotContain(VALUE);
        assertThat(String.format("loaded %s", secret)).doesNotContain(VALUE);
    }

    @Test
    void secretsResolvedForAllNamesHideTheirValues() {
        for (SecretName name : SecretName.values()) {
            String value = name.generate(new java.security.SecureRandom());
            Secret secret = new Secret(name, value, "environment", false);
            assertThat(secret.toString()).doesNotContain(value).contains(name.fileName());
        }
    }

    @Test
    void valueIsStillAvailableToTheCallerThatNeedsIt() {
        assertThat(new Secret(SecretName.API_KEY_PEPPER, VALUE, "environment", false).value())
                .isEqualTo(VALUE);
    }
}
