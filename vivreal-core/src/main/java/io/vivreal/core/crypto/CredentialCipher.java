package io.vivreal.core.crypto;

import java.util.List;

/**
 * Encrypts credentials before they reach the store and decrypts them only where they are used.
 *
 * <p>Stored values are self-describing ({@code enc:v1:<keyId>:<base64 nonce|ciphertext|tag>}) so
 * keys can be rotated: new encryptions use the active key, older key ids still decrypt. A failed
 * decryption says nothing about why — a wrong key, a tampered value and a value moved from another
 * place look the same.
 */
public interface CredentialCipher {

    String encrypt(String plaintext, CredentialBinding binding);

    String decrypt(String stored, CredentialBinding binding);

    /** The key id a stored value was encrypted with, for rotation reports. */
    String keyIdOf(String stored);

    /** The key new encryptions use. */
    String activeKeyId();

    /** Every key id that still decrypts, the active one first. */
    List<String> keyIds();
}
