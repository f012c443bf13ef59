package io.vivreal.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vivreal.core.secrets.Secret;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.core.secrets.SecretsProvider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cipher follows a key ring that rotates while running (encryption-keys from a secret manager). */
class AesGcmCredentialCipherRotationTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration OVERLAP = Duration.ofMinutes(10);
    private static final CredentialBinding BINDING =
            new CredentialBinding("65a1b2c3d4e5f60718293a4b", "65a1b2c3d4e5f60718293a4c", "signingSecret");

    private final Map<SecretName, String> offered = new EnumMap<>(SecretName.class);
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    private final SecretsProvider provider =
            name -> Optional.ofNullable(offered.get(name)).map(value -> new Secret(name, value, "test", false));

    private static String key(String id) {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        return id + ":" + Base64.getEncoder().encodeToString(material);
    }

    private Secrets secrets(String ring) {
        for (SecretName name : SecretName.values()) {
            offered.put(name, name == SecretName.ENCRYPTION_KEYS ? ring : "unused");
        }
        return Secrets.resolve(List.of(provider), Optional.empty(), true, RANDOM, clock, OVERLAP);
    }

    private static AesGcmCredentialCipher cipher(Secrets secrets) {
        return new AesGcmCredentialCipher(
                secrets.rotating(SecretName.ENCRYPTION_KEYS, secret -> KeyRing.parse(secret.value())), RANDOM);
    }

    @Test
    void newEncryptionsUseTheActiveKeyOfTheRotatedRing() {
        String k1 = key("k1");
        Secrets secrets = secrets(k1);
        AesGcmCredentialCipher cipher = cipher(secrets);
        String before = cipher.encrypt("hook-secret", BINDING);

        offered.put(SecretName.ENCRYPTION_KEYS, key("k2") + "," + k1);
        secrets.refresh();

        String after = cipher.encrypt("hook-secret", BINDING);
        assertThat(cipher.keyIdOf(before)).isEqualTo("k1");
        assertThat(cipher.keyIdOf(after)).isEqualTo("k2");
        assertThat(cipher.activeKeyId()).isEqualTo("k2");
        assertThat(cipher.decrypt(before, BINDING)).isEqualTo("hook-secret");
        assertThat(cipher.decrypt(after, BINDING)).isEqualTo("hook-secret");
    }

    @Test
    void aKeyOnlyThePreviousRingHadStillDecryptsDuringTheOverlapButNotAfter() {
        Secrets secrets = secrets(key("k1"));
        AesGcmCredentialCipher cipher = cipher(secrets);
        String underOldKey = cipher.encrypt("hook-secret", BINDING);

        offered.put(SecretName.ENCRYPTION_KEYS, key("k2"));
        secrets.refresh();

        assertThat(cipher.decrypt(underOldKey, BINDING)).isEqualTo("hook-secret");
        now = now.plus(OVERLAP);
        assertThatThrownBy(() -> cipher.decrypt(underOldKey, BINDING))
                .isExactlyInstanceOf(CredentialDecryptionException.class);
    }

    @Test
    void aKeyIdReusedWithNewMaterialStillOpensValuesOfTheOldMaterialDuringTheOverlap() {
        Secrets secrets = secrets(key("k1"));
        AesGcmCredentialCipher cipher = cipher(secrets);
        String underOldMaterial = cipher.encrypt("hook-secret", BINDING);

        offered.put(SecretName.ENCRYPTION_KEYS, key("k1"));
        secrets.refresh();

        assertThat(cipher.decrypt(underOldMaterial, BINDING)).isEqualTo("hook-secret");
        assertThat(cipher.decrypt(cipher.encrypt("new", BINDING), BINDING)).isEqualTo("new");
    }

    @Test
    void aRingThatDoesNotParseIsRefusedAndTheRunningRingStays() {
        Secrets secrets = secrets(key("k1"));
        AesGcmCredentialCipher cipher = cipher(secrets);

        offered.put(SecretName.ENCRYPTION_KEYS, "k2:bm90LTMyLWJ5dGVz");

        assertThat(secrets.refresh()).isEmpty();
        assertThat(cipher.activeKeyId()).isEqualTo("k1");
        assertThat(cipher.decrypt(cipher.encrypt("still works", BINDING), BINDING))
                .isEqualTo("still works");
    }
}
