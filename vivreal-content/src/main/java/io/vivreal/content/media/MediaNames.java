package io.vivreal.content.media;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Uploaders' file names, kept only for display and the download name: the last path segment
 * (browsers and old clients send {@code C:\Users\ann\cat.png}), NFC-normalised, without control,
 * line-breaking or invisible formatting characters (a right-to-left override would let {@code
 * cat\u202Egnp.exe} display as {@code catexe.png}), trimmed, at most 200 characters. A name is never
 * part of a storage path.
 */
public final class MediaNames {

    public static final int MAX_LENGTH = 200;

    private MediaNames() {}

    /** The cleaned name, or empty when nothing printable is left. */
    public static Optional<String> clean(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().filter(codePoint -> !refused(codePoint)).forEach(kept::appendCodePoint);
        name = kept.toString().strip();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(truncate(name));
    }

    /**
     * The cleaned name, with the extension of what the bytes are: {@code report.png} holding a
     * PDF becomes {@code report.pdf}, a name without an extension gains one, and an extension of
     * the same type ({@code .jpeg} for JPEG) is kept.
     */
    public static String corrected(String raw, AllowedMediaType type) {
        Optional<String> name = clean(raw);
        if (name.isEmpty()) {
            return "upload." + type.keyExtension();
        }
        Optional<String> extension = extension(name.get());
        if (extension.isPresent() && type.matchesExtension(extension.get())) {
            return name.get();
        }
        String base = name.get();
        if (extension.isPresent() && extension.get().matches("[a-z0-9]{1,5}")) {
            base = base.substring(0, base.length() - extension.get().length() - 1)
                    .strip();
        }
        if (base.isEmpty()) {
            base = "upload";
        }
        return clean(base + "." + type.keyExtension()).orElse("upload." + type.keyExtension());
    }

    /** A derivative's display name: {@code cat.png} at 640 px as JPEG is {@code cat-640w.jpg}. */
    public static String derivativeName(String original, int width, AllowedMediaType type) {
        int dot = original.lastIndexOf('.');
        String base = dot > 0 ? original.substring(0, dot) : original;
        return clean(base + "-" + width + "w." + type.keyExtension()).orElse("image." + type.keyExtension());
    }

    /** The extension after the last dot, lowercased, or empty when the name has none. */
    public static Optional<String> extension(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Shortens the part before the extension, so the extension a reader sees stays true. */
    private static String truncate(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        String extension = extension(name).filter(e -> e.length() <= 10).orElse("");
        int keep = MAX_LENGTH - (extension.isEmpty() ? 0 : extension.length() + 1);
        String base = name.substring(0, name.offsetByCodePoints(0, keep)).strip();
        return extension.isEmpty() ? base : base + "." + extension;
    }

    private static boolean refused(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
