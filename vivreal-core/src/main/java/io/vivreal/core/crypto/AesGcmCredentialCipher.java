package io.vivreal.core.crypto;

import io.vivreal.core.secrets.RotatingSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per encryption and the {@link CredentialBinding}
 * as associated data; the JDK's {@link Cipher} is used here and nowhere else.
 *
 * <p>The key ring may rotate while running ({@code encryption-keys} from a secret manager): new
 * encryptions use the current ring's active key, and for the overlap window a value can still be
 * opened with a key that only the previous ring had.
 */
public final class AesGcmCredentialCipher implements CredentialCipher {

    static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final RotatingSecret<KeyRing> rings;
    private final SecureRandom random;

    AesGcmCredentialCipher(RotatingSecret<KeyRing> rings, SecureRandom random) {
        this.rings = rings;
        this.random = random;
    }

    /** A fixed key ring from {@code id:base64,id:base64}; the first key is the active one. */
    public static AesGcmCredentialCipher fromKeyRing(String keyRing, SecureRandom random) {
        return new AesGcmCredentialCipher(RotatingSecret.fixed(KeyRing.parse(keyRing)), random);
    }

    /** The active key of the current ring. */
    @Override
    public String activeKeyId() {
        return rings.current().activeKeyId();
    }

    @Override
    public List<String> keyIds() {
        return List.copyOf(rings.current().keys().keySet());
    }

    @Override
    public String encrypt(String plaintext, CredentialBinding binding) {
        KeyRing ring = rings.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, ring.active(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.associatedData());
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return PREFIX + ring.activeKeyId() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
        }
    }

    /**
     * Decrypts with the key named in {@code stored}, looked up in the current ring and, within the
     * rotation overlap, in the ring it replaced.
     */
    @Override
    public String decrypt(String stored, CredentialBinding binding) {
        String keyId = keyIdOf(stored);
        Set<SecretKey> candidates = new LinkedHashSet<>();
        for (KeyRing ring : rings.accepted()) {
            SecretKey key = ring.keys().get(keyId);
            if (key != null) {
                candidates.add(key);
            }
        }
        for (SecretKey key : candidates) {
            String plaintext = open(key, stored.substring(PREFIX.length() + keyId.length() + 1), binding);
            if (plaintext != null) {
                return plaintext;
            }
        }
        throw new CredentialDecryptionException();
    }

    /** The plaintext, or null when this key does not open the value. */
    private static String open(SecretKey key, String sealed, CredentialBinding binding) {
        try {
            byte[] raw = Base64.getDecoder().decode(sealed);
            if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
                return null;
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(binding.associatedData());
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String keyIdOf(String stored) {
        return keyIdIn(stored).orElseThrow(CredentialDecryptionException::new);
    }

    /** The key id named by a stored value, if it has the {@code enc:v1:<keyId>:} form at all. */
    static Optional<String> keyIdIn(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = stored.indexOf(':', PREFIX.length());
        if (end < 0) {
            return Optional.empty();
        }
        return Optional.of(stored.substring(PREFIX.length(), end));
    }
}
