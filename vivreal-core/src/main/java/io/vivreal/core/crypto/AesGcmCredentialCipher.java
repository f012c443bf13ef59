package io.vivreal.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per encryption and the {@link CredentialBinding}
 * as associated data; the JDK's {@link Cipher} is used here and nowhere else.
 */
public final class AesGcmCredentialCipher implements CredentialCipher {

    static final String PREFIX = "enc:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKey> keys;
    private final List<String> keyIds;
    private final String activeKeyId;
    private final SecureRandom random;

    private AesGcmCredentialCipher(Map<String, SecretKey> keys, String activeKeyId, SecureRandom random) {
        this.keys = Map.copyOf(keys);
        this.keyIds = List.copyOf(keys.keySet());
        this.activeKeyId = activeKeyId;
        this.random = random;
    }

    /**
     * Builds the key ring from {@code id:base64,id:base64}; the first key is the active one.
     */
    public static AesGcmCredentialCipher fromKeyRing(String keyRing, SecureRandom random) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String active = null;
        for (String entry : keyRing.split(",")) {
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon).strip();
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("encryption key ring entries must be '<id>:<base64 key>'");
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("encryption key '" + id + "' is not valid base64");
            }
            if (material.length != 32) {
                throw new IllegalArgumentException("encryption key '" + id + "' must be 32 bytes (AES-256)");
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalArgumentException("encryption key id '" + id + "' appears twice in the key ring");
            }
            if (active == null) {
                active = id;
            }
        }
        return new AesGcmCredentialCipher(keys, active, random);
    }

    @Override
    public String activeKeyId() {
        return activeKeyId;
    }

    @Override
    public List<String> keyIds() {
        return keyIds;
    }

    @Override
    public String encrypt(String plaintext, CredentialBinding binding) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.associatedData());
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return PREFIX + activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JDK", e);
        }
    }

    @Override
    public String decrypt(String stored, CredentialBinding binding) {
        String keyId = keyIdOf(stored);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new CredentialDecryptionException();
        }
        try {
            byte[] raw = Base64.getDecoder().decode(stored.substring(PREFIX.length() + keyId.length() + 1));
            if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new CredentialDecryptionException();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(binding.associatedData());
            byte[] plain = cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CredentialDecryptionException();
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
