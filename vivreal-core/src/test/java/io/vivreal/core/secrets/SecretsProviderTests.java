package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsProviderTests {

    @Test
    void parseStripsSurroundingWhitespace() {
        Secret secret = SecretsProvider.parse(SecretName.CONTEXT_SECRET, "  abc\n", "test");
        assertThat(secret.value()).isEqualTo("abc");
        assertThat(secret.devGenerated()).isFalse();
        assertThat(secret.source()).isEqualTo("test");
        assertThat(secret.name()).isEqualTo(SecretName.CONTEXT_SECRET);
    }

    @Test
    void parseRecognisesAndRemovesTheDevMarker() {
        Secret secret = SecretsProvider.parse(SecretName.CONTEXT_SECRET, "dev-generated:abc\n", "test");
        assertThat(secret.value()).isEqualTo("abc");
        assertThat(secret.devGenerated()).isTrue();
    }

    @Test
    void parseRecognisesTheDevMarkerAfterLeadingWhitespace() {
        assertThat(SecretsProvider.parse(SecretName.CONTEXT_SECRET, "\n dev-generated:abc", "test")
                        .devGenerated())
                .isTrue();
    }

    @Test
    void parseTreatsTheMarkerOnlyAsAPrefix() {
        Secret secret = SecretsProvider.parse(SecretName.CONTEXT_SECRET, "abc-dev-generated:", "test");
        assertThat(secret.devGenerated()).isFalse();
        assertThat(secret.value()).isEqualTo("abc-dev-generated:");
        assertThat(SecretsProvider.parse(SecretName.CONTEXT_SECRET, "DEV-GENERATED:abc", "test")
                        .devGenerated())
                .isFalse();
    }
}
