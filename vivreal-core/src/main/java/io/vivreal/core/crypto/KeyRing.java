package io.vivreal.core.crypto;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data-encryption keys of one {@code encryption-keys} value, {@code id:base64,id:base64}: the
 * first is active. Errors name key ids, never key material.
 */
record KeyRing(Map<String, SecretKey> keys, String activeKeyId) {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** Keeps the ring's order (active first), which reports list keys in. */
    KeyRing {
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    static KeyRing parse(String keyRing) {
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
        return new KeyRing(keys, active);
    }

    SecretKey active() {
        return keys.get(activeKeyId);
    }
}
