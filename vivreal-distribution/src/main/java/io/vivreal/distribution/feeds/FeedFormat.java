package io.vivreal.distribution.feeds;

import java.util.Optional;

/** The renderings of a feed, by the extension of their public URL. */
public enum FeedFormat {
    RSS("rss", "application/rss+xml; charset=utf-8"),
    ATOM("atom", "application/atom+xml; charset=utf-8"),
    JSON("json", "application/feed+json; charset=utf-8"),
    ICS("ics", "text/calendar; charset=utf-8");

    private final String extension;
    private final String contentType;

    FeedFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<FeedFormat> ofExtension(String extension) {
        for (FeedFormat format : values()) {
            if (format.extension.equals(extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
