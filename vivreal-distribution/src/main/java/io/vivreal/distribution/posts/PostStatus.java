package io.vivreal.distribution.posts;

import java.util.List;

/** The states of a post channel's integration object, as stored and answered. */
final class PostStatus {

    static final String DRAFT = "draft";
    static final String SCHEDULED = "scheduled";
    static final String PUBLISHING = "publishing";
    static final String PUBLISHED = "published";
    static final String FAILED = "failed";
    static final String UNKNOWN = "unknown";

    static final List<String> ALL = List.of(DRAFT, SCHEDULED, PUBLISHING, PUBLISHED, FAILED, UNKNOWN);

    private PostStatus() {}
}
