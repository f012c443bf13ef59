package io.vivreal.distribution.adapters;

import java.time.Instant;
import java.util.List;

/**
 * What one channel publishes for a post: the composed text, exactly as previewed, its images, and
 * when it was composed (a webhook's stable {@code timestamp} across attempts).
 */
public record PostContent(String text, List<PostImage> images, Instant composedAt) {

    public PostContent {
        images = List.copyOf(images);
    }
}
