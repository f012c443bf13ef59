package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vivreal.core.crypto.AesGcmCredentialCipher;
import io.vivreal.core.crypto.CredentialBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingFileTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CredentialBinding BINDING =
            new CredentialBinding("65a000000000000000000001", "65a000000000000000000001", "apiKey");

    @TempDir
    Path dir;

    private Path ringFile() {
        return dir.resolve("encryption-keys");
    }

    private String devRing() {
        return new DevSecretsGenerator(RANDOM)
                .generate(dir, SecretName.ENCRYPTION_KEYS)
                .value();
    }

    private Secret reread() {
        return new FileSecretsProvider(dir).find(SecretName.ENCRYPTION_KEYS).orElseThrow();
    }

    @Test
    void newKeyGoesInFrontAndBecomesActive() {
        String old = devRing();
        String oldId = old.substring(0, old.indexOf(':'));

        String newId = new KeyRingFile(dir, RANDOM).addActiveKey();

        AesGcmCredentialCipher ring = AesGcmCredentialCipher.fromKeyRing(reread().value(), RANDOM);
        assertThat(newId).isNotEqualTo(oldId).matches("k[0-9a-f]+");
        assertThat(ring.activeKeyId()).isEqualTo(newId);
        assertThat(ring.keyIds()).containsExactly(newId, oldId);
        assertThat(reread().value()).endsWith("," + old);
    }

    @Test
    void valuesEncryptedUnderTheOldKeyStillDecrypt() {
        String stored = AesGcmCredentialCipher.fromKeyRing(devRing(), RANDOM).encrypt("vr_secret", BINDING);

        new KeyRingFile(dir, RANDOM).addActiveKey();

        assertThat(AesGcmCredentialCipher.fromKeyRing(reread().value(), RANDOM).decrypt(stored, BINDING))
                .isEqualTo("vr_secret");
    }

    @Test
    void newKeyIsThirtyTwoRandomBytes() {
        devRing();
        KeyRingFile file = new KeyRingFile(dir, RANDOM);
        String first = file.addActiveKey();
        String second = file.addActiveKey();

        String[] entries = reread().value().split(",");
        assertThat(entries).hasSize(3);
        assertThat(entries[0]).startsWith(second + ":");
        assertThat(entries[1]).startsWith(first + ":");
        byte[] a = java.util.Base64.getDecoder().decode(entries[0].substring(entries[0].indexOf(':') + 1));
        byte[] b = java.util.Base64.getDecoder().decode(entries[1].substring(entries[1].indexOf(':') + 1));
        assertThat(a).hasSize(32).isNotEqualTo(b);
    }

    @Test
    void fileStaysOwnerOnlyAndNoTemporaryFileIsLeft() throws IOException {
        devRing();
        new KeyRingFile(dir, RANDOM).addActiveKey();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ringFile())))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(ringFile());
        }
    }

    @Test
    void developmentRingKeepsItsMark() {
        devRing();
        new KeyRingFile(dir, RANDOM).addActiveKey();

        assertThat(reread().devGenerated()).isTrue();
    }

    @Test
    void productionRingStaysUnmarked() {
        new DevSecretsGenerator(RANDOM).generateForProduction(dir, SecretName.ENCRYPTION_KEYS);
        new KeyRingFile(dir, RANDOM).addActiveKey();

        assertThat(reread().devGenerated()).isFalse();
    }

    @Test
    void missingRingIsRefusedAndNothingIsWritten() throws IOException {
        assertThatThrownBy(() -> new KeyRingFile(dir, RANDOM).addActiveKey())
                .isInstanceOf(Secrets.SecretsException.class)
                .hasMessageContaining("no encryption key ring at " + ringFile());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
