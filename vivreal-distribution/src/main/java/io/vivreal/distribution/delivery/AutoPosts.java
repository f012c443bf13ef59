package io.vivreal.distribution.delivery;

import io.vivreal.content.publish.ContentEvents;

/**
 * Automatic posts: when an item of a content type a channel auto-posts is published, the fan-out
 * asks for a post through the channel's template instead of making the one-line event message.
 * Defined here and implemented by the posts package, so the queue depends on no post code.
 */
@FunctionalInterface
public interface AutoPosts {

    /**
     * Composes and queues the channel's post of the published item, once per event and channel
     * (a second call for the same pair does nothing); answers whether a post was queued.
     */
    boolean post(ContentEvents.Event event, String channelId);

    AutoPosts NONE = (event, channelId) -> false;
}
