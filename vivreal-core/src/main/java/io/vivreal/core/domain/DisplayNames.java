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
        if (hasRefusedCharacter(name)) {
            throw DomainException.invalid(
                    field, field + " must not contain control or invisible formatting characters");
        }
        return name;
    }

    /** Characters that render as nothing though Unicode calls them letters or symbols. */
    private static final java.util.Set<Integer> BLANK_LOOKING =
            java.util.Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x180E, 0x17B4, 0x17B5);

    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private static boolean hasRefusedCharacter(String name) {
        int[] codePoints = name.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int codePoint = codePoints[i];
            if (codePoint == ZERO_WIDTH_JOINER
                    && i > 0
                    && i < codePoints.length - 1
                    && joinsEmoji(codePoints[i - 1], codePoints[i + 1])) {
                continue;
            }
            if (refused(codePoint)) {
                return true;
            }
        }
        return false;
    }

    /** A zero-width joiner inside an emoji sequence (👩‍💻) is part of the emoji, not a hiding place. */
    private static boolean joinsEmoji(int before, int after) {
        return isEmojiPart(before) && isEmojiPart(after);
    }

    private static boolean isEmojiPart(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.OTHER_SYMBOL || codePoint == 0xFE0F || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF);
    }

    private static boolean refused(int codePoint) {
        if (BLANK_LOOKING.contains(codePoint)) {
            return true;
        }
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
