package io.vivreal.distribution.feeds;

/**
 * A feed as served: its bytes, their strong ETag, the media type, and the group it belongs to
 * (for eviction when that group's content changes).
 */
public record RenderedFeed(byte[] body, String etag, String contentType, String groupID) {}
