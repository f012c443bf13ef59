package io.vivreal.core.group;

import io.vivreal.core.domain.DisplayNames;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/** Display names and URL-safe keys for groups. */
final class GroupNames {

    static final int MAX_LENGTH = 100;
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private GroupNames() {}

    static String clean(String raw) {
        return DisplayNames.clean(raw, "name", MAX_LENGTH);
    }

    /** A URL-safe key from the name, with a random suffix so two groups never collide. */
    static String key(String name, SecureRandom random) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (ascii.length() > 40) {
            ascii = ascii.substring(0, 40).replaceAll("-+$", "");
        }
        if (ascii.isEmpty()) {
            ascii = "group";
        }
        StringBuilder key = new StringBuilder(ascii).append('-');
        for (int i = 0; i < 6; i++) {
            key.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return key.toString();
    }
}
