package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private Secrets devResolve(List<SecretsProvider> providers) {
        return Secrets.resolve(providers, Optional.of(dir), false, RANDOM);
    }

    private static Map<String, String> productionEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (SecretName name : SecretName.values()) {
            env.put(name.environmentVariable(), name.generate(RANDOM));
        }
        return env;
    }

    private static String b64(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    @Test
    void devRunGeneratesEveryMissingSecretIntoTheDirectory() throws IOException {
        Secrets secrets = devResolve(List.of(new FileSecretsProvider(dir)));

        for (SecretName name : SecretName.values()) {
            Path file = dir.resolve(name.fileName());
            assertThat(file).isRegularFile();
            Secret secret = secrets.get(name);
            assertThat(secret.devGenerated()).isTrue();
            assertThat(secret.value()).isNotBlank().doesNotStartWith(SecretsProvider.DEV_MARKER);
            assertThat(Files.readString(file)).isEqualTo(SecretsProvider.DEV_MARKER + secret.value() + "\n");
        }
    }

    @Test
    void devRunWritesGeneratedSecretsReadableOnlyByTheOwner() throws IOException {
        devResolve(List.of(new FileSecretsProvider(dir)));

        for (SecretName name : SecretName.values()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name.fileName()))))
                    .as(name.fileName())
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    void devRunGeneratesIntoADirectoryThatDoesNotExistYet() {
        Path nested = dir.resolve("data").resolve("secrets");
        Secrets secrets = Secrets.resolve(List.of(new FileSecretsProvider(nested)), Optional.of(nested), false, RANDOM);
        assertThat(nested.resolve(SecretName.API_KEY_PEPPER.fileName())).isRegularFile();
        assertThat(secrets.keyBytes(SecretName.API_KEY_PEPPER)).hasSize(32);
    }

    @Test
    void secondDevResolveReadsTheSameValuesWithoutRegenerating() throws IOException {
        Secrets first = devResolve(List.of(new FileSecretsProvider(dir)));
        Map<SecretName, String> contents = new EnumMap<>(SecretName.class);
        Map<SecretName, FileTime> modified = new EnumMap<>(SecretName.class);
        for (SecretName name : SecretName.values()) {
            Path file = dir.resolve(name.fileName());
            contents.put(name, Files.readString(file));
            FileTime old = FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(file, old);
            modified.put(name, old);
        }

        Secrets second = devResolve(List.of(new FileSecretsProvider(dir)));

        for (SecretName name : SecretName.values()) {
            Path file = dir.resolve(name.fileName());
            assertThat(second.get(name).value()).isEqualTo(first.get(name).value());
            assertThat(second.get(name).devGenerated()).isTrue();
            assertThat(Files.readString(file)).isEqualTo(contents.get(name));
            assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified.get(name));
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(SecretName.values().length);
        }
    }

    @Test
    void devRunKeepsProvidedSecretsAndGeneratesOnlyTheMissingOnes() throws IOException {
        String pepper = b64(32);
        Files.writeString(dir.resolve(SecretName.API_KEY_PEPPER.fileName()), pepper + "\n");

        Secrets secrets = devResolve(List.of(new FileSecretsProvider(dir)));

        assertThat(secrets.get(SecretName.API_KEY_PEPPER).value()).isEqualTo(pepper);
        assertThat(secrets.get(SecretName.API_KEY_PEPPER).devGenerated()).isFalse();
        assertThat(Files.readString(dir.resolve(SecretName.API_KEY_PEPPER.fileName())))
                .isEqualTo(pepper + "\n");
        assertThat(secrets.get(SecretName.CONTEXT_SECRET).devGenerated()).isTrue();
    }

    @Test
    void devRunDoesNotGenerateWhatTheEnvironmentProvides() {
        Map<String, String> env = productionEnvironment();
        Secrets secrets = devResolve(List.of(new EnvironmentSecretsProvider(env), new FileSecretsProvider(dir)));
        for (SecretName name : SecretName.values()) {
            assertThat(secrets.get(name).value()).isEqualTo(env.get(name.environmentVariable()));
            assertThat(dir.resolve(name.fileName())).doesNotExist();
        }
    }

    @Test
    void devRunWithoutAGenerationDirectoryRefusesMissingSecrets() {
        assertThatThrownBy(
                        () -> Secrets.resolve(List.of(new FileSecretsProvider(dir)), Optional.empty(), false, RANDOM))
                .isInstanceOf(Secrets.SecretsException.class)
                .hasMessageContaining("api-key-pepper");
    }

    @Test
    void productionRefusesAMissingSecretNamingItsFileAndEnvironmentVariable() {
        List<SecretsProvider> providers =
                List.of(new EnvironmentSecretsProvider(Map.of()), new FileSecretsProvider(dir));
        Secrets.SecretsException e = catchThrowableOfType(
                Secrets.SecretsException.class, () -> Secrets.resolve(providers, Optional.empty(), true, RANDOM));
        for (SecretName name : SecretName.values()) {
            assertThat(e.getMessage()).contains(name.fileName()).contains(name.environmentVariable());
        }
        assertThat(e.getMessage()).startsWith("refusing to start");
    }

    @Test
    void productionNamesOnlyTheSecretThatIsMissing() {
        Map<String, String> env = productionEnvironment();
        env.remove(SecretName.CONTEXT_SECRET.environmentVariable());
        Secrets.SecretsException e = catchThrowableOfType(
                Secrets.SecretsException.class,
                () -> Secrets.resolve(List.of(new EnvironmentSecretsProvider(env)), Optional.empty(), true, RANDOM));
        assertThat(e.getMessage())
                .contains("context-secret")
                .contains("VIVREAL_SECRET_CONTEXT_SECRET")
                .doesNotContain("api-key-pepper")
                .doesNotContain("jwt-signing-key")
                .doesNotContain("encryption-keys");
        for (String value : env.values()) {
            assertThat(e.getMessage()).doesNotContain(value);
        }
    }

    @Test
    void productionNeverGeneratesEvenWhenGivenADirectory() throws IOException {
        assertThatThrownBy(() -> Secrets.resolve(List.of(new FileSecretsProvider(dir)), Optional.of(dir), true, RANDOM))
                .isInstanceOf(Secrets.SecretsException.class);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void productionRefusesDevGeneratedValuesNamingThemButNotTheirValues() {
        Secrets dev = devResolve(List.of(new FileSecretsProvider(dir)));

        Secrets.SecretsException e = catchThrowableOfType(
                Secrets.SecretsException.class,
                () -> Secrets.resolve(List.of(new FileSecretsProvider(dir)), Optional.empty(), true, RANDOM));

        for (SecretName name : SecretName.values()) {
            assertThat(e.getMessage()).contains("'" + name.fileName() + "'");
            String value = dev.get(name).value();
            assertThat(e.getMessage()).doesNotContain(value).doesNotContain(value.substring(0, 12));
        }
        assertThat(e.getMessage()).contains("development");
        assertThat(e.toString())
                .doesNotContain(dev.get(SecretName.API_KEY_PEPPER).value());
    }

    @Test
    void productionRefusesADevMarkedValueFromTheEnvironment() {
        Map<String, String> env = productionEnvironment();
        String marked = "dev-generated:" + b64(32);
        env.put(SecretName.API_KEY_PEPPER.environmentVariable(), marked);
        Secrets.SecretsException e = catchThrowableOfType(
                Secrets.SecretsException.class,
                () -> Secrets.resolve(List.of(new EnvironmentSecretsProvider(env)), Optional.empty(), true, RANDOM));
        assertThat(e.getMessage()).contains("api-key-pepper").doesNotContain(marked.substring(14));
        assertThat(e.getMessage()).doesNotContain("context-secret");
    }

    @Test
    void productionAcceptsSecretsGeneratedForProduction() {
        DevSecretsGenerator generator = new DevSecretsGenerator(RANDOM);
        for (SecretName name : SecretName.values()) {
            generator.generateForProduction(dir, name);
        }
        Secrets secrets = Secrets.resolve(List.of(new FileSecretsProvider(dir)), Optional.empty(), true, RANDOM);
        for (SecretName name : SecretName.values()) {
            assertThat(secrets.get(name).devGenerated()).isFalse();
        }
        assertThat(secrets.keyBytes(SecretName.CONTEXT_SECRET)).hasSize(32);
    }

    @Test
    void productionAcceptsSecretsFromTheEnvironment() {
        Map<String, String> env = productionEnvironment();
        Secrets secrets = Secrets.resolve(List.of(new EnvironmentSecretsProvider(env)), Optional.empty(), true, RANDOM);
        for (SecretName name : SecretName.values()) {
            assertThat(secrets.get(name).value()).isEqualTo(env.get(name.environmentVariable()));
            assertThat(secrets.get(name).source()).isEqualTo("environment");
        }
    }

    @Test
    void environmentProviderBeatsFileProviderWhenGivenFirst() throws IOException {
        Map<String, String> env = productionEnvironment();
        for (SecretName name : SecretName.values()) {
            Files.writeString(dir.resolve(name.fileName()), name.generate(RANDOM));
        }
        Secrets secrets = Secrets.resolve(
                List.of(new EnvironmentSecretsProvider(env), new FileSecretsProvider(dir)),
                Optional.empty(),
                true,
                RANDOM);
        for (SecretName name : SecretName.values()) {
            assertThat(secrets.get(name).value()).isEqualTo(env.get(name.environmentVariable()));
            assertThat(secrets.get(name).source()).isEqualTo("environment");
        }
    }

    @Test
    void fileProviderBeatsEnvironmentProviderWhenGivenFirst() throws IOException {
        Map<String, String> env = productionEnvironment();
        String pepper = b64(32);
        Files.writeString(dir.resolve(SecretName.API_KEY_PEPPER.fileName()), pepper);
        Secrets secrets = Secrets.resolve(
                List.of(new FileSecretsProvider(dir), new EnvironmentSecretsProvider(env)),
                Optional.empty(),
                true,
                RANDOM);
        assertThat(secrets.get(SecretName.API_KEY_PEPPER).value()).isEqualTo(pepper);
        assertThat(secrets.get(SecretName.CONTEXT_SECRET).value())
                .isEqualTo(env.get(SecretName.CONTEXT_SECRET.environmentVariable()));
    }

    @Test
    void aDevGeneratedFileCannotBeOverriddenIntoProductionByItsOwnPresence() {
        // the environment provides a real value, the file a dev one: production takes the real one
        devResolve(List.of(new FileSecretsProvider(dir)));
        Map<String, String> env = productionEnvironment();
        Secrets secrets = Secrets.resolve(
                List.of(new EnvironmentSecretsProvider(env), new FileSecretsProvider(dir)),
                Optional.empty(),
                true,
                RANDOM);
        for (SecretName name : SecretName.values()) {
            assertThat(secrets.get(name).devGenerated()).isFalse();
        }
    }

    @Test
    void getOfAnAbsentSecretNamesItWithoutAValue() {
        String pepper = b64(32);
        Secrets secrets = holding(SecretName.API_KEY_PEPPER, pepper);
        assertThatThrownBy(() -> secrets.get(SecretName.JWT_SIGNING_KEY))
                .isInstanceOf(Secrets.SecretsException.class)
                .hasMessageContaining("jwt-signing-key")
                .hasMessageNotContaining(pepper);
        assertThatThrownBy(() -> Secrets.of(new EnumMap<>(SecretName.class)).get(SecretName.CONTEXT_SECRET))
                .isInstanceOf(Secrets.SecretsException.class)
                .hasMessageContaining("context-secret");
    }

    @Test
    void ofCopiesTheMapSoLaterChangesDoNotLeakIn() {
        Map<SecretName, Secret> values = new EnumMap<>(SecretName.class);
        Secrets secrets = Secrets.of(values);
        values.put(SecretName.CONTEXT_SECRET, new Secret(SecretName.CONTEXT_SECRET, b64(32), "test", false));
        assertThatThrownBy(() -> secrets.get(SecretName.CONTEXT_SECRET)).isInstanceOf(Secrets.SecretsException.class);
    }

    private static Secrets holding(SecretName name, String value) {
        return Secrets.of(Map.of(name, new Secret(name, value, "test", false)));
    }

    @Test
    void keyBytesDecodesThirtyTwoOrMoreBytes() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        assertThat(holding(SecretName.API_KEY_PEPPER, Base64.getEncoder().encodeToString(key))
                        .keyBytes(SecretName.API_KEY_PEPPER))
                .isEqualTo(key);
        assertThat(holding(SecretName.API_KEY_PEPPER, b64(64)).keyBytes(SecretName.API_KEY_PEPPER))
                .hasSize(64);
    }

    @Test
    void keyBytesRejectsShortValues() {
        for (int length : new int[] {0, 1, 16, 31}) {
            String value = b64(length);
            Secrets secrets = holding(SecretName.CONTEXT_SECRET, value);
            Secrets.SecretsException e = catchThrowableOfType(
                    Secrets.SecretsException.class, () -> secrets.keyBytes(SecretName.CONTEXT_SECRET));
            assertThat(e).as("%d bytes", length).isNotNull();
            assertThat(e.getMessage()).contains("context-secret").contains("32 bytes");
            if (!value.isEmpty()) {
                assertThat(e.getMessage()).doesNotContain(value);
            }
        }
    }

    @Test
    void keyBytesRejectsNonBase64Values() {
        for (String value : new String[] {"not base64 at all!", b64(32) + "!", "%%%%" + b64(40), "ünïcödé"}) {
            Secrets secrets = holding(SecretName.CONTEXT_SECRET, value);
            Secrets.SecretsException e = catchThrowableOfType(
                    Secrets.SecretsException.class, () -> secrets.keyBytes(SecretName.CONTEXT_SECRET));
            assertThat(e).as(value).isNotNull();
            assertThat(e.getMessage())
                    .contains("context-secret")
                    .contains("base64")
                    .doesNotContain(value);
        }
    }

    @Test
    void keyBytesRejectsTheEncryptionKeyRingWhichIsNotPlainKeyMaterial() {
        Secrets secrets = holding(SecretName.ENCRYPTION_KEYS, SecretName.ENCRYPTION_KEYS.generate(RANDOM));
        assertThatThrownBy(() -> secrets.keyBytes(SecretName.ENCRYPTION_KEYS))
                .isInstanceOf(Secrets.SecretsException.class);
    }

    @Test
    void aDevelopmentRunFillsABlankSecretFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("context-secret"), "\n");

        Secrets secrets = Secrets.resolve(
                java.util.List.of(new FileSecretsProvider(dir)),
                java.util.Optional.of(dir),
                false,
                new java.security.SecureRandom());

        org.assertj.core.api.Assertions.assertThat(
                        secrets.get(SecretName.CONTEXT_SECRET).value())
                .isNotBlank();
    }

    @Test
    void ofAnEmptyMapHasNoSecrets() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Secrets.of(java.util.Map.of()).get(SecretName.CONTEXT_SECRET))
                .isInstanceOf(Secrets.SecretsException.class);
    }
}
