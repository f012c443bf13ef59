package io.vivreal.distribution.feeds;

import java.time.Instant;
import java.util.Map;

/**
 * What a feed says about itself: its title, its own URL in each format ({@code rel="self"}), the
 * WebSub hub when one is configured ({@code rel="hub"}), and when it last changed.
 */
record FeedHead(String feedId, String title, Map<FeedFormat, String> urls, String hub, Instant updated) {

    String self(FeedFormat format) {
        return urls.get(format);
    }
}
