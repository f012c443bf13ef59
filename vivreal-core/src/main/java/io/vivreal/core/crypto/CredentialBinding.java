package io.vivreal.core.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Where a stored credential belongs: its group, its record and its field. It is the associated
 * data of the encryption, so a ciphertext copied into another group's document, another record or
 * another field fails to decrypt instead of yielding someone else's secret.
 */
public record CredentialBinding(String groupID, String recordId, String field) {

    byte[] associatedData() {
        return (length(groupID) + groupID + length(recordId) + recordId + length(field) + field)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String length(String part) {
        return part.length() + ":";
    }
}
