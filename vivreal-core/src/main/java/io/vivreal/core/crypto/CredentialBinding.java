package io.vivreal.core.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Where a stored credential belongs: its group, its record and its field. It is the associated
 * data of the encryption, so a ciphertext copied into another group's document, another record or
 * another field fails to decrypt instead of yielding someone else's secret.
 */
public record CredentialBinding(String groupID, String recordId, String field) {

    public CredentialBinding {
        for (String part : new String[] {groupID, recordId, field}) {
            if (part == null || !wellFormed(part)) {
                throw new IllegalArgumentException("a credential binding needs three well-formed strings");
            }
        }
    }

    /** Lone surrogates would be encoded as '?', making two different bindings equal. */
    private static boolean wellFormed(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < part.length() && Character.isLowSurrogate(part.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    byte[] associatedData() {
        return (length(groupID) + groupID + length(recordId) + recordId + length(field) + field)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String length(String part) {
        return part.length() + ":";
    }
}
