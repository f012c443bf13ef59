package io.vivreal.management.media;

import io.vivreal.content.media.StoredMedia;
import java.time.Instant;

/** The JSON shapes of the media routes. */
final class MediaViews {

    private MediaViews() {}

    /** What a media field of a content item or site takes: {@code {"key": ...}} is enough. */
    record UploadedMedia(String key, String name, String type, long size) {
        static UploadedMedia of(StoredMedia file) {
            return new UploadedMedia(file.key(), file.name(), file.type(), file.size());
        }
    }

    /** A listed file, with a signed URL so the portal can preview it. */
    record MediaView(String key, String name, String type, long size, Instant createdAt, String createdBy, String url) {
        static MediaView of(StoredMedia file, String url) {
            return new MediaView(
                    file.key(), file.name(), file.type(), file.size(), file.createdAt(), file.createdBy(), url);
        }
    }
}
