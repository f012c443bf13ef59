package io.vivreal.core.crypto;

import java.util.Comparator;
import java.util.Objects;

/**
 * One stored credential as an {@link EncryptedFieldStore} found it: where it lives and the exact
 * ciphertext read, which is what a re-encryption compares against before it writes.
 *
 * @param database the database holding the record: the control plane's, or the group's {@code
 *     dbKey} for a tenant collection
 * @param binding the associated data the value was encrypted with; also names the record in
 *     reports ({@code recordId}, {@code groupID}, {@code field})
 * @param path the value's dotted path inside its document, for example {@code apiKey.ciphertext}
 * @param ciphertext the stored {@code enc:v1:<keyId>:...} string as read
 */
public record EncryptedField(String database, CredentialBinding binding, String path, String ciphertext) {

    /** Counted under this id: a stored value that does not even have the {@code enc:v1:} form. */
    public static final String UNREADABLE = "unreadable";

    /** The order stores answer in and resume from: group, then record. */
    public static final Comparator<EncryptedField> RECORD_ORDER = Comparator.comparing(
                    (EncryptedField field) -> field.binding().groupID())
            .thenComparing(field -> field.binding().recordId());

    public EncryptedField {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** The key id this value names, or {@link #UNREADABLE}. */
    public String keyId() {
        return keyIdOf(ciphertext);
    }

    /** The key id a stored value names, or {@link #UNREADABLE}; for {@link EncryptedFieldStore#countByKeyId()}. */
    public static String keyIdOf(String stored) {
        return AesGcmCredentialCipher.keyIdIn(stored).orElse(UNREADABLE);
    }

    /** Names the record for an operator, never the value. */
    public String describe() {
        return "record " + binding.recordId() + " (group " + binding.groupID() + ", field " + binding.field() + ")";
    }

    @Override
    public String toString() {
        return "EncryptedField[" + database + " " + describe() + " at " + path + "]";
    }
}
