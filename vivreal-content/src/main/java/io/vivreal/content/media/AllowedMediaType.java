package io.vivreal.content.media;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The only kinds of file a group can upload, each with the extension its stored key gets, the
 * extensions a file name may carry for it, and how a browser is told to treat it. Nothing that a
 * browser would run — HTML, SVG, XML, scripts — is on this list, so a signed media URL can never
 * serve active content from our origin.
 */
public enum AllowedMediaType {
    JPEG("image/jpeg", "jpg", List.of("jpg", "jpeg", "jpe", "jfif"), List.of("image/jpg", "image/pjpeg")),
    PNG("image/png", "png", List.of("png"), List.of()),
    GIF("image/gif", "gif", List.of("gif"), List.of()),
    WEBP("image/webp", "webp", List.of("webp"), List.of()),
    PDF("application/pdf", "pdf", List.of("pdf"), List.of("application/x-pdf")),
    MP4("video/mp4", "mp4", List.of("mp4", "m4v"), List.of()),
    WEBM("video/webm", "webm", List.of("webm"), List.of());

    private final String mimeType;
    private final String keyExtension;
    private final List<String> fileExtensions;
    private final List<String> aliases;

    AllowedMediaType(String mimeType, String keyExtension, List<String> fileExtensions, List<String> aliases) {
        this.mimeType = mimeType;
        this.keyExtension = keyExtension;
        this.fileExtensions = fileExtensions;
        this.aliases = aliases;
    }

    public String mimeType() {
        return mimeType;
    }

    public String keyExtension() {
        return keyExtension;
    }

    /**
     * Images and video are shown in place; a PDF is downloaded, because browsers run PDF viewers
     * with scripting of their own and a download keeps it off our origin.
     */
    public boolean isImage() {
        return mimeType.startsWith("image/");
    }

    public boolean inline() {
        return this != PDF;
    }

    /** Whether a client's declared {@code Content-Type} names this type (parameters ignored). */
    public boolean matchesDeclared(String declared) {
        String bare = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return bare.equals(mimeType) || aliases.contains(bare);
    }

    /** Whether a file name's extension (lowercase, no dot) belongs to this type. */
    public boolean matchesExtension(String extension) {
        return fileExtensions.contains(extension.toLowerCase(Locale.ROOT));
    }

    /** The type a stored key's extension names. */
    public static Optional<AllowedMediaType> ofKey(String key) {
        for (AllowedMediaType type : values()) {
            if (key.endsWith("." + type.keyExtension)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static Optional<AllowedMediaType> ofMimeType(String mimeType) {
        for (AllowedMediaType type : values()) {
            if (type.mimeType.equals(mimeType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
