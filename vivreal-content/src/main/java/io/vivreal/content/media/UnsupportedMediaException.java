package io.vivreal.content.media;

import io.vivreal.core.domain.DomainException;

/**
 * An upload whose content is not one of the {@link AllowedMediaType}s; the upload route answers
 * it with 415.
 */
public final class UnsupportedMediaException extends DomainException {

    public UnsupportedMediaException() {
        super(
                Kind.INVALID,
                "unsupported_media_type",
                "only JPEG, PNG, GIF and WebP images, PDF documents and MP4 or WebM videos can be uploaded",
                "file");
    }
}
