package io.vivreal.core.secrets;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every secret the product needs, with its name in files ({@code <dir>/<name>}) and in the
 * environment ({@code VIVREAL_SECRET_<NAME>}), and how a strong random value is generated.
 */
public enum SecretName {

    /** The identity module's ES256 key pair: {@code base64(PKCS#8 private).base64(X.509 public)}. */
    JWT_SIGNING_KEY("jwt-signing-key", false, SecretName::generateEcKeyPair),

    /** HMAC-SHA256 key for the portal's signed {@code active_ctx} cookie: base64 of 32 bytes. */
    CONTEXT_SECRET("context-secret", true, SecretName::random256),

    /** HMAC-SHA256 pepper under which API keys are hashed for lookup: base64 of 32 bytes. */
    API_KEY_PEPPER("api-key-pepper", false, SecretName::random256),

    /**
     * AES-256-GCM data-encryption keys for stored credentials: {@code id:base64,id:base64}, the
     * first one active; older ones still decrypt.
     */
    ENCRYPTION_KEYS(
            "encryption-keys",
            true,
            random -> "k" + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + ":" + random256(random));

    private final String fileName;
    private final boolean rotatesLive;
    private final Function<SecureRandom, String> generator;

    SecretName(String fileName, boolean rotatesLive, Function<SecureRandom, String> generator) {
        this.fileName = fileName;
        this.rotatesLive = rotatesLive;
        this.generator = generator;
    }

    /** The name in files, in the environment's suffix and as the field of a Secrets Manager secret. */
    public String fileName() {
        return fileName;
    }

    /**
     * Whether a changed value is picked up while running. The JWT signing key and the API-key
     * pepper are read once at start-up (docs/adr/0005-secrets.md): the pepper keys a unique index
     * of stored hashes, and signing keys rotate through the JWKS, so a new value needs a restart.
     */
    public boolean rotatesLive() {
        return rotatesLive;
    }

    public String environmentVariable() {
        return "VIVREAL_SECRET_" + name().toUpperCase(Locale.ROOT);
    }

    String generate(SecureRandom random) {
        return generator.apply(random);
    }

    private static String random256(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String generateEcKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder encoder = Base64.getEncoder();
            return encoder.encodeToString(pair.getPrivate().getEncoded()) + "."
                    + encoder.encodeToString(pair.getPublic().getEncoded());
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK offers no P-256 key pair generator", e);
        }
    }
}
