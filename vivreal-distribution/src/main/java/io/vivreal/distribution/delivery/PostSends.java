package io.vivreal.distribution.delivery;

import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.PostContent;
import io.vivreal.distribution.adapters.PostOutcome;

/**
 * What the queue tells the owner of posts as a post's delivery moves: the queue sends, retries
 * and logs a post like any delivery, and this side keeps the post's integration object in step.
 * Defined here and implemented by the posts package, so the queue depends on no post code.
 */
public interface PostSends {

    /** What to publish for this delivery: the composed text exactly as previewed, and its images. */
    PostContent content(TenantScope scope, Delivery delivery);

    /** Sending started: the integration object is {@code publishing}. */
    void started(TenantScope scope, Delivery delivery);

    /** The platform made the post: {@code published}, with its id and permalink. */
    void published(TenantScope scope, Delivery delivery, PostOutcome outcome);

    /** Every attempt failed, or the channel is gone: {@code failed} with the reason. */
    void failed(TenantScope scope, Delivery delivery, String reason);

    /** The outcome was lost on a platform without idempotency: {@code unknown}, for a person to confirm. */
    void unknown(TenantScope scope, Delivery delivery);

    /** No posts (tools and tests that run only the queue). */
    PostSends NONE = new PostSends() {
        @Override
        public PostContent content(TenantScope scope, Delivery delivery) {
            return new PostContent(delivery.message().text(), java.util.List.of(), delivery.createdAt());
        }

        @Override
        public void started(TenantScope scope, Delivery delivery) {}

        @Override
        public void published(TenantScope scope, Delivery delivery, PostOutcome outcome) {}

        @Override
        public void failed(TenantScope scope, Delivery delivery, String reason) {}

        @Override
        public void unknown(TenantScope scope, Delivery delivery) {}
    };
}
