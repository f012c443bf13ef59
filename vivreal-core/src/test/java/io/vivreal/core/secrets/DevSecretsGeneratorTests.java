package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevSecretsGeneratorTests {

    private final DevSecretsGenerator generator = new DevSecretsGenerator(new SecureRandom());

    @TempDir
    Path dir;

    @Test
    void generateWritesAMarkedValueIntoTheSecretsFile() throws IOException {
        Secret secret = generator.generate(dir, SecretName.CONTEXT_SECRET);
        assertThat(secret.devGenerated()).isTrue();
        assertThat(secret.name()).isEqualTo(SecretName.CONTEXT_SECRET);
        assertThat(Files.readString(dir.resolve("context-secret"))).isEqualTo("dev-generated:" + secret.value() + "\n");
        assertThat(secret.source()).contains(dir.resolve("context-secret").toString());
    }

    @Test
    void generatedFileReadsBackAsTheSameDevGeneratedSecret() {
        Secret written = generator.generate(dir, SecretName.API_KEY_PEPPER);
        Secret read =
                new FileSecretsProvider(dir).find(SecretName.API_KEY_PEPPER).orElseThrow();
        assertThat(read.value()).isEqualTo(written.value());
        assertThat(read.devGenerated()).isTrue();
    }

    @Test
    void generatedFileIsReadableOnlyByItsOwner() throws IOException {
        for (SecretName name : SecretName.values()) {
            generator.generate(dir, name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name.fileName()))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void productionFileIsReadableOnlyByItsOwnerToo() throws IOException {
        generator.generateForProduction(dir, SecretName.JWT_SIGNING_KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt-signing-key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void createsAndLocksDownAMissingDirectory() throws IOException {
        Path nested = dir.resolve("a").resolve("secrets");
        generator.generate(nested, SecretName.CONTEXT_SECRET);
        assertThat(nested.resolve("context-secret")).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
                .isEqualTo("rwx------");
    }

    @Test
    void locksDownAnExistingOpenDirectory() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        generator.generate(dir, SecretName.CONTEXT_SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    void neverOverwritesAnExistingFile() throws IOException {
        Path file = dir.resolve("context-secret");
        Files.writeString(file, "operator-value");
        assertThatThrownBy(() -> generator.generate(dir, SecretName.CONTEXT_SECRET))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("context-secret")
                .hasMessageNotContaining("operator-value");
        assertThatThrownBy(() -> generator.generateForProduction(dir, SecretName.CONTEXT_SECRET))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(Files.readString(file)).isEqualTo("operator-value");
    }

    @Test
    void generateForProductionValuesAreNotDevMarked() throws IOException {
        for (SecretName name : SecretName.values()) {
            Secret secret = generator.generateForProduction(dir, name);
            assertThat(secret.devGenerated()).isFalse();
            String content = Files.readString(dir.resolve(name.fileName()));
            assertThat(content).doesNotContain("dev-generated").isEqualTo(secret.value() + "\n");
            assertThat(new FileSecretsProvider(dir).find(name).orElseThrow().devGenerated())
                    .isFalse();
        }
    }

    @Test
    void generatesAFreshValueEachTime() {
        Secret first = generator.generate(dir.resolve("one"), SecretName.API_KEY_PEPPER);
        Secret second = generator.generate(dir.resolve("two"), SecretName.API_KEY_PEPPER);
        Secret third = generator.generateForProduction(dir.resolve("three"), SecretName.API_KEY_PEPPER);
        assertThat(first.value()).isNotEqualTo(second.value()).isNotEqualTo(third.value());
        assertThat(second.value()).isNotEqualTo(third.value());
    }
}
