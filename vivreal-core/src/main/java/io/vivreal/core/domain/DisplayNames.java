package io.vivreal.core.domain;

import java.text.Normalizer;

/**
 * Human-entered names (groups, people): trimmed, NFC-normalised, any script or emoji, but no
 * control, invisible-format (zero-width, bidi override), unassigned or private-use characters,
 * and no separator other than the plain space.
 */
public final class DisplayNames {

    private DisplayNames() {}

    public static String clean(String raw, String field, int maxLength) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.invalid(field, field + " is required");
        }
        String name = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (name.codePointCount(0, name.length()) > maxLength) {
            throw DomainException.invalid(field, field + " must be at most " + maxLength + " characters");
        }
        if (name.codePoints().anyMatch(DisplayNames::refused)) {
            throw DomainException.invalid(field, field + " must not contain control or invisible formatting characters");
        }
        return name;
    }

    private static boolean refused(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || (type == Character.SPACE_SEPARATOR && codePoint != ' ');
    }
}
