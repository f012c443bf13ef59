package io.vivreal.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AesGcmCredentialCipherTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PLAINTEXT = "sk_live_SuperSecretStripeKey_4242";
    private static final CredentialBinding BINDING =
            new CredentialBinding("65a1b2c3d4e5f60718293a4b", "65a1b2c3d4e5f60718293a4c", "stripeSecretKey");
    private static final String PREFIX = "enc:v1:";

    private static final byte[] KEY_1 = keyMaterial();
    private static final byte[] KEY_2 = keyMaterial();

    private static byte[] keyMaterial() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static AesGcmCredentialCipher cipher(String ring) {
        return AesGcmCredentialCipher.fromKeyRing(ring, RANDOM);
    }

    private static final AesGcmCredentialCipher CIPHER = cipher("k1:" + b64(KEY_1));

    private static byte[] rawOf(String stored) {
        return Base64.getDecoder().decode(stored.substring(stored.indexOf(':', PREFIX.length()) + 1));
    }

    private static String withRaw(String stored, byte[] raw) {
        return stored.substring(0, stored.indexOf(':', PREFIX.length()) + 1) + b64(raw);
    }

    /** Asserts that decrypting fails the one uninformative way, revealing nothing of the plaintext. */
    private static void assertRefused(AesGcmCredentialCipher cipher, String stored, CredentialBinding binding) {
        Throwable thrown = catchThrowable(() -> cipher.decrypt(stored, binding));
        assertThat(thrown).isExactlyInstanceOf(CredentialDecryptionException.class);
        assertThat(thrown.getMessage()).isEqualTo("stored credential cannot be decrypted");
        assertThat(thrown.getMessage()).doesNotContain(PLAINTEXT).doesNotContain("Secret");
        assertThat(thrown.getCause()).isNull();
        assertThat(thrown.toString()).doesNotContain(PLAINTEXT);
    }

    @Test
    void roundTripsPlaintext() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        assertThat(CIPHER.decrypt(stored, BINDING)).isEqualTo(PLAINTEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "pässwörd ✓ 密码 🔑", "enc:v1:k1:AAAA", "line1\nline2\u0000end"})
    void roundTripsAnyText(String plaintext) {
        assertThat(CIPHER.decrypt(CIPHER.encrypt(plaintext, BINDING), BINDING)).isEqualTo(plaintext);
    }

    @Test
    void roundTripsLongText() {
        String plaintext = "x".repeat(100_000);
        assertThat(CIPHER.decrypt(CIPHER.encrypt(plaintext, BINDING), BINDING)).isEqualTo(plaintext);
    }

    @Test
    void storedValueHasFormatEncV1KeyIdBase64() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        assertThat(stored).startsWith("enc:v1:k1:");
        assertThat(stored.substring("enc:v1:k1:".length())).matches("[A-Za-z0-9+/]+={0,2}");
        assertThat(CIPHER.keyIdOf(stored)).isEqualTo("k1");
    }

    @Test
    void storedValueIsNonceThenCiphertextThenSixteenByteTag() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        assertThat(rawOf(stored)).hasSize(12 + PLAINTEXT.getBytes(StandardCharsets.UTF_8).length + 16);
    }

    @Test
    void storedValueIsStandardAes256GcmWithTheBindingAsAssociatedData() throws Exception {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        byte[] raw = rawOf(stored);
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY_1, "AES"), new GCMParameterSpec(128, raw, 0, 12));
        jdk.updateAAD(BINDING.associatedData());
        byte[] plain = jdk.doFinal(raw, 12, raw.length - 12);
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @Test
    void storedValueDoesNotContainThePlaintext() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        assertThat(stored).doesNotContain(PLAINTEXT).doesNotContain(b64(PLAINTEXT.getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(rawOf(stored), StandardCharsets.ISO_8859_1)).doesNotContain("SuperSecret");
    }

    @Test
    void twoEncryptionsOfTheSamePlaintextDiffer() {
        Set<String> stored = new HashSet<>();
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String value = CIPHER.encrypt(PLAINTEXT, BINDING);
            stored.add(value);
            nonces.add(b64(Arrays.copyOf(rawOf(value), 12)));
        }
        assertThat(stored).hasSize(200);
        assertThat(nonces).hasSize(200);
    }

    @Test
    void nonceComesFromTheGivenRandomSource() {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 7);
            }
        };
        AesGcmCredentialCipher deterministic = AesGcmCredentialCipher.fromKeyRing("k1:" + b64(KEY_1), fixed);
        String stored = deterministic.encrypt(PLAINTEXT, BINDING);
        byte[] nonce = Arrays.copyOf(rawOf(stored), 12);
        byte[] sevens = new byte[12];
        Arrays.fill(sevens, (byte) 7);
        assertThat(nonce).isEqualTo(sevens);
        assertThat(CIPHER.decrypt(stored, BINDING)).isEqualTo(PLAINTEXT);
    }

    @Test
    void refusesAFlippedBitAnywhereInNonceCiphertextOrTag() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        byte[] raw = rawOf(stored);
        for (int i = 0; i < raw.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = raw.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertRefused(CIPHER, withRaw(stored, tampered), BINDING);
            }
        }
    }

    /** The bytes a stored value's text decodes to, or null when it is not base64. */
    private static byte[] decodedOrNull(String stored) {
        try {
            return rawOf(stored);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Test
    void refusesAnyChangedCharacterOfTheBase64Text() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        byte[] raw = rawOf(stored);
        int start = "enc:v1:k1:".length();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
        int refused = 0;
        for (int i = start; i < stored.length(); i++) {
            for (char replacement : alphabet.toCharArray()) {
                if (replacement == stored.charAt(i)) {
                    continue;
                }
                String changed = stored.substring(0, i) + replacement + stored.substring(i + 1);
                // the character before the padding carries unused bits: a change there that decodes
                // to the very same bytes is the same ciphertext, not a tampered one
                if (Arrays.equals(decodedOrNull(changed), raw)) {
                    assertThat(CIPHER.decrypt(changed, BINDING)).isEqualTo(PLAINTEXT);
                    continue;
                }
                assertRefused(CIPHER, changed, BINDING);
                refused++;
            }
        }
        assertThat(refused).isGreaterThan((stored.length() - start - 2) * 60);
    }

    @Test
    void refusesTruncation() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        byte[] raw = rawOf(stored);
        for (int length = 0; length < raw.length; length++) {
            assertRefused(CIPHER, withRaw(stored, Arrays.copyOf(raw, length)), BINDING);
        }
        for (int length = 0; length < stored.length(); length++) {
            String truncated = stored.substring(0, length);
            // dropping only the '=' padding leaves the same bytes (padding is optional in base64)
            if (!Arrays.equals(decodedOrNull(truncated), raw)) {
                assertRefused(CIPHER, truncated, BINDING);
            }
        }
        assertRefused(CIPHER, stored.substring(0, stored.replaceAll("=+$", "").length() - 1), BINDING);
    }

    @Test
    void refusesExtension() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        byte[] raw = rawOf(stored);
        assertRefused(CIPHER, withRaw(stored, Arrays.copyOf(raw, raw.length + 1)), BINDING);
        byte[] prefixed = new byte[raw.length + 1];
        System.arraycopy(raw, 0, prefixed, 1, raw.length);
        assertRefused(CIPHER, withRaw(stored, prefixed), BINDING);
    }

    @Test
    void refusesNonceSwappedInFromAnotherCiphertext() {
        String first = CIPHER.encrypt(PLAINTEXT, BINDING);
        String second = CIPHER.encrypt(PLAINTEXT, BINDING);
        byte[] raw = rawOf(first);
        System.arraycopy(rawOf(second), 0, raw, 0, 12);
        assertRefused(CIPHER, withRaw(first, raw), BINDING);
    }

    @Test
    void refusesTagSwappedInFromAnotherCiphertext() {
        String first = CIPHER.encrypt(PLAINTEXT, BINDING);
        String second = CIPHER.encrypt(PLAINTEXT, BINDING);
        byte[] raw = rawOf(first);
        byte[] other = rawOf(second);
        System.arraycopy(other, other.length - 16, raw, raw.length - 16, 16);
        assertRefused(CIPHER, withRaw(first, raw), BINDING);
    }

    @Test
    void refusesValueMovedToAnotherGroup() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        assertRefused(
                CIPHER, stored, new CredentialBinding("65a1b2c3d4e5f60718293a4d", BINDING.recordId(), BINDING.field()));
    }

    @Test
    void refusesValueMovedToAnotherRecord() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        assertRefused(
                CIPHER, stored, new CredentialBinding(BINDING.groupID(), "65a1b2c3d4e5f60718293a4d", BINDING.field()));
    }

    @Test
    void refusesValueMovedToAnotherField() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        assertRefused(CIPHER, stored, new CredentialBinding(BINDING.groupID(), BINDING.recordId(), "webhookSecret"));
    }

    @Test
    void refusesBindingWhosePartsAreShiftedAcrossBoundaries() {
        CredentialBinding binding = new CredentialBinding("ab", "c", "d");
        String stored = CIPHER.encrypt(PLAINTEXT, binding);
        assertRefused(CIPHER, stored, new CredentialBinding("a", "bc", "d"));
        assertRefused(CIPHER, stored, new CredentialBinding("ab", "", "cd"));
        assertRefused(CIPHER, stored, new CredentialBinding("d", "c", "ab"));
    }

    @Test
    void refusesUnknownKeyId() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        assertRefused(CIPHER, "enc:v1:k9:" + stored.substring("enc:v1:k1:".length()), BINDING);
        assertRefused(CIPHER, "enc:v1:K1:" + stored.substring("enc:v1:k1:".length()), BINDING);
        assertRefused(CIPHER, "enc:v1::" + stored.substring("enc:v1:k1:".length()), BINDING);
    }

    @Test
    void refusesValueRelabelledWithAnotherKnownKeyId() {
        AesGcmCredentialCipher both = cipher("k1:" + b64(KEY_1) + ",k2:" + b64(KEY_2));
        String stored = both.encrypt(PLAINTEXT, BINDING);
        assertRefused(both, "enc:v1:k2:" + stored.substring("enc:v1:k1:".length()), BINDING);
    }

    @Test
    void refusesValueEncryptedUnderSameIdButOtherKeyMaterial() {
        String stored = cipher("k1:" + b64(KEY_2)).encrypt(PLAINTEXT, BINDING);
        assertRefused(CIPHER, stored, BINDING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"enc:v2:", "enc:v0:", "ENC:V1:", "enc:v1", "enc:", "env:v1:", "xenc:v1:", " enc:v1:"})
    void refusesWrongPrefixOrVersion(String prefix) {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        String rest = stored.substring(PREFIX.length());
        assertRefused(CIPHER, prefix + rest, BINDING);
    }

    @Test
    void refusesPlaintextStoredWithoutEncryption() {
        assertRefused(CIPHER, PLAINTEXT, BINDING);
        assertRefused(CIPHER, "", BINDING);
        assertRefused(CIPHER, null, BINDING);
        assertRefused(CIPHER, "enc:v1:k1", BINDING);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "enc:v1:k1:",
                "enc:v1:k1:!!!!",
                "enc:v1:k1:AAAA",
                "enc:v1:k1:====",
                "enc:v1:k1:A",
                "enc:v1:k1:-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_",
                "enc:v1:k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "enc:v1:k1:\u00e9\u00e9\u00e9\u00e9",
                "enc:v1:k1:AAAA:BBBB",
                "enc:v1:k1: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            })
    void refusesGarbageBase64(String stored) {
        assertRefused(CIPHER, stored, BINDING);
    }

    @Test
    void refusesExactlyNoncePlusTagWithNoCiphertextForeignToTheKey() {
        assertRefused(CIPHER, "enc:v1:k1:" + b64(new byte[28]), BINDING);
    }

    @Test
    void refusesNullBindingPartsWithoutRevealingThePlaintext() {
        String stored = CIPHER.encrypt(PLAINTEXT, BINDING);
        assertThatThrownBy(
                        () -> CIPHER.decrypt(stored, new CredentialBinding(null, BINDING.recordId(), BINDING.field())))
                .isInstanceOf(RuntimeException.class)
                .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(PLAINTEXT));
    }

    @Test
    void firstKeyOfTheRingIsActive() {
        AesGcmCredentialCipher ring = cipher("new:" + b64(KEY_2) + ",old:" + b64(KEY_1));
        assertThat(ring.activeKeyId()).isEqualTo("new");
        String stored = ring.encrypt(PLAINTEXT, BINDING);
        assertThat(stored).startsWith("enc:v1:new:");
        assertThat(ring.keyIdOf(stored)).isEqualTo("new");
        assertRefused(cipher("old:" + b64(KEY_1)), "enc:v1:old:" + stored.substring("enc:v1:new:".length()), BINDING);
        assertThat(cipher("new:" + b64(KEY_2)).decrypt(stored, BINDING)).isEqualTo(PLAINTEXT);
    }

    @Test
    void oldKeyIdStillDecryptsAfterANewKeyIsPutFirst() {
        String storedUnderOld = cipher("k1:" + b64(KEY_1)).encrypt(PLAINTEXT, BINDING);
        AesGcmCredentialCipher rotated = cipher("k2:" + b64(KEY_2) + ", k1:" + b64(KEY_1));
        assertThat(rotated.activeKeyId()).isEqualTo("k2");
        assertThat(rotated.decrypt(storedUnderOld, BINDING)).isEqualTo(PLAINTEXT);
        assertThat(rotated.keyIdOf(storedUnderOld)).isEqualTo("k1");
        String reencrypted = rotated.encrypt(PLAINTEXT, BINDING);
        assertThat(rotated.keyIdOf(reencrypted)).isEqualTo("k2");
        assertThat(rotated.decrypt(reencrypted, BINDING)).isEqualTo(PLAINTEXT);
    }

    @Test
    void removedKeyNoLongerDecrypts() {
        String storedUnderOld = cipher("k1:" + b64(KEY_1)).encrypt(PLAINTEXT, BINDING);
        assertRefused(cipher("k2:" + b64(KEY_2)), storedUnderOld, BINDING);
    }

    @Test
    void keyRingToleratesWhitespaceAroundEntries() {
        AesGcmCredentialCipher ring = cipher(" k1 : " + b64(KEY_1) + " ,\tk2:" + b64(KEY_2) + "\n");
        assertThat(ring.activeKeyId()).isEqualTo("k1");
        assertThat(CIPHER.decrypt(ring.encrypt(PLAINTEXT, BINDING), BINDING)).isEqualTo(PLAINTEXT);
    }

    @Test
    void keyIdOfAnswersTheIdWithoutDecrypting() {
        assertThat(CIPHER.keyIdOf("enc:v1:anything:notbase64")).isEqualTo("anything");
        assertThatThrownBy(() -> CIPHER.keyIdOf("enc:v2:k1:AAAA")).isInstanceOf(CredentialDecryptionException.class);
        assertThatThrownBy(() -> CIPHER.keyIdOf(null)).isInstanceOf(CredentialDecryptionException.class);
        assertThatThrownBy(() -> CIPHER.keyIdOf("enc:v1:k1")).isInstanceOf(CredentialDecryptionException.class);
    }

    private static void assertRingRefused(String ring, byte[]... material) {
        Throwable thrown = catchThrowable(() -> cipher(ring));
        assertThat(thrown).as(ring).isInstanceOf(IllegalArgumentException.class);
        String message = thrown.getMessage();
        if (!ring.isBlank()) {
            assertThat(message).doesNotContain(ring);
        }
        for (byte[] bytes : material) {
            String encoded = b64(bytes);
            assertThat(message).doesNotContain(encoded).doesNotContain(encoded.substring(0, 12));
        }
    }

    @Test
    void refusesKeyOfWrongLength() {
        for (int length : new int[] {0, 1, 16, 24, 31, 33, 64}) {
            byte[] key = new byte[length];
            RANDOM.nextBytes(key);
            if (length == 0) {
                assertRingRefused("k1:");
            } else if (length >= 9) {
                assertRingRefused("k1:" + b64(key), key);
            } else {
                assertThatThrownBy(() -> cipher("k1:" + b64(key)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageNotContaining(b64(key));
            }
        }
        assertThatThrownBy(() -> cipher("k1:" + b64(new byte[16])))
                .hasMessageContaining("k1")
                .hasMessageContaining("32 bytes");
    }

    @Test
    void refusesWrongLengthSecondKeyEvenWhenTheFirstIsFine() {
        byte[] shortKey = new byte[16];
        RANDOM.nextBytes(shortKey);
        assertRingRefused("k1:" + b64(KEY_1) + ",k2:" + b64(shortKey), KEY_1, shortKey);
    }

    @Test
    void refusesBadBase64() {
        String encoded = b64(KEY_1);
        assertRingRefused("k1:" + encoded.substring(0, 20) + "!" + encoded.substring(21), KEY_1);
        assertRingRefused("k1:" + encoded + "x", KEY_1);
        assertRingRefused("k1:" + encoded.replace('+', '-').replace('/', '_').replace("=", "") + "%%", KEY_1);
        assertThatThrownBy(() -> cipher("k1:@@@@"))
                .hasMessageContaining("base64")
                .hasMessageNotContaining("@@@@");
    }

    @Test
    void refusesBadKeyId() {
        String encoded = b64(KEY_1);
        for (String id :
                new String[] {"", " ", "k 1", "k.1", "k/1", "k+1", "k=1", "ключ", "x".repeat(33), "k1\u0000"}) {
            assertRingRefused(id + ":" + encoded, KEY_1);
        }
        assertRingRefused(encoded, KEY_1);
        assertRingRefused(":" + encoded, KEY_1);
    }

    @Test
    void refusesEmptyRingAndEmptyEntries() {
        assertRingRefused("");
        assertRingRefused(" ");
        assertRingRefused("k1:" + b64(KEY_1) + ",,k2:" + b64(KEY_2), KEY_1, KEY_2);
        assertRingRefused(",k1:" + b64(KEY_1), KEY_1);
    }

    @Test
    void acceptsLongestAllowedKeyId() {
        String id = "a-Z_0".repeat(6) + "xy";
        assertThat(id).hasSize(32);
        assertThat(cipher(id + ":" + b64(KEY_1)).activeKeyId()).isEqualTo(id);
    }

    @Test
    void refusesAKeyRingThatNamesAKeyIdTwice() {
        assertThatThrownBy(() -> cipher("k1:" + b64(KEY_1) + ",k1:" + b64(KEY_2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(b64(KEY_1))
                .hasMessageNotContaining(b64(KEY_2));
    }
}
