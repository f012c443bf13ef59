package io.vivreal.core.crypto;

/** A stored credential could not be decrypted. Deliberately carries no detail and no value. */
public final class CredentialDecryptionException extends RuntimeException {

    CredentialDecryptionException() {
        super("stored credential cannot be decrypted");
    }
}
