package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretsProviderTests {

    @TempDir
    Path dir;

    @Test
    void readsTheFileNamedAfterTheSecret() throws IOException {
        Files.writeString(dir.resolve("api-key-pepper"), "pepper-value\n");
        Secret secret =
                new FileSecretsProvider(dir).find(SecretName.API_KEY_PEPPER).orElseThrow();
        assertThat(secret.value()).isEqualTo("pepper-value");
        assertThat(secret.devGenerated()).isFalse();
        assertThat(secret.name()).isEqualTo(SecretName.API_KEY_PEPPER);
        assertThat(secret.source()).isEqualTo("file " + dir.resolve("api-key-pepper"));
    }

    @Test
    void readsOnlyItsOwnFile() throws IOException {
        Files.writeString(dir.resolve("api-key-pepper"), "pepper-value");
        FileSecretsProvider provider = new FileSecretsProvider(dir);
        assertThat(provider.find(SecretName.CONTEXT_SECRET)).isEmpty();
        assertThat(provider.find(SecretName.JWT_SIGNING_KEY)).isEmpty();
    }

    @Test
    void findsNothingForAMissingFile() {
        assertThat(new FileSecretsProvider(dir).find(SecretName.CONTEXT_SECRET)).isEmpty();
    }

    @Test
    void findsNothingInADirectoryThatDoesNotExist() {
        assertThat(new FileSecretsProvider(dir.resolve("nope")).find(SecretName.CONTEXT_SECRET))
                .isEmpty();
    }

    @Test
    void findsNothingForABlankFile() throws IOException {
        Files.writeString(dir.resolve("context-secret"), " \n\n");
        assertThat(new FileSecretsProvider(dir).find(SecretName.CONTEXT_SECRET)).isEmpty();
    }

    @Test
    void findsNothingWhenTheNameIsADirectory() throws IOException {
        Files.createDirectory(dir.resolve("context-secret"));
        assertThat(new FileSecretsProvider(dir).find(SecretName.CONTEXT_SECRET)).isEmpty();
    }

    @Test
    void followsSymbolicLinksAsKubernetesMountsThem() throws IOException {
        Path data = Files.createDirectory(dir.resolve("..data"));
        Files.writeString(data.resolve("context-secret"), "mounted");
        Files.createSymbolicLink(dir.resolve("context-secret"), data.resolve("context-secret"));
        assertThat(new FileSecretsProvider(dir)
                        .find(SecretName.CONTEXT_SECRET)
                        .orElseThrow()
                        .value())
                .isEqualTo("mounted");
    }

    @Test
    void marksADevGeneratedFile() throws IOException {
        Files.writeString(dir.resolve("context-secret"), "dev-generated:abc\n");
        Secret secret =
                new FileSecretsProvider(dir).find(SecretName.CONTEXT_SECRET).orElseThrow();
        assertThat(secret.devGenerated()).isTrue();
        assertThat(secret.value()).isEqualTo("abc");
    }

    @Test
    void answersItsDirectory() {
        assertThat(new FileSecretsProvider(dir).directory()).isEqualTo(dir);
    }
}
