package io.vivreal.distribution.posts;

import com.mongodb.client.model.Updates;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.PostContent;
import io.vivreal.distribution.adapters.PostOutcome;
import io.vivreal.distribution.delivery.Delivery;
import io.vivreal.distribution.delivery.PostSends;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Keeps each post channel's integration object in step with its delivery: {@code publishing}
 * when a worker starts it, {@code published} with the platform's id and permalink, {@code failed}
 * with a reason, {@code unknown} when the outcome was lost on a platform without idempotency.
 * Each move is conditional on the states it may follow, so a repeated or late report cannot
 * undo a later one.
 */
final class PostLifecycle implements PostSends {

    static final int MAX_ERROR = 500;

    private final IntegrationObjects objects;
    private final Composer composer;
    private final Clock clock;

    PostLifecycle(IntegrationObjects objects, Composer composer, Clock clock) {
        this.objects = objects;
        this.composer = composer;
        this.clock = clock;
    }

    @Override
    public PostContent content(TenantScope scope, Delivery delivery) {
        Document data = delivery.message().data();
        List<Document> images = data == null ? List.of() : data.getList("images", Document.class, List.of());
        String bucket = data == null ? null : data.getString("bucketName");
        return new PostContent(
                delivery.message().text(),
                bucket == null ? List.of() : composer.postImages(bucket, images),
                delivery.message().timestamp());
    }

    @Override
    public void started(TenantScope scope, Delivery delivery) {
        objects.move(
                scope,
                delivery.id(),
                List.of(PostStatus.SCHEDULED, PostStatus.PUBLISHING, PostStatus.FAILED, PostStatus.UNKNOWN),
                clock.instant(),
                Updates.set("status", PostStatus.PUBLISHING));
    }

    @Override
    public void published(TenantScope scope, Delivery delivery, PostOutcome outcome) {
        Instant now = clock.instant();
        objects.move(
                scope,
                delivery.id(),
                List.of(PostStatus.SCHEDULED, PostStatus.PUBLISHING, PostStatus.FAILED, PostStatus.UNKNOWN),
                now,
                Updates.set("status", PostStatus.PUBLISHED),
                Updates.set("publishDate", Date.from(now)),
                Updates.set("externalPostId", outcome == null ? null : outcome.externalPostId()),
                Updates.set("permalink", outcome == null ? null : outcome.permalink()),
                Updates.set("errorMessage", null));
    }

    @Override
    public void failed(TenantScope scope, Delivery delivery, String reason) {
        objects.move(
                scope,
                delivery.id(),
                List.of(PostStatus.SCHEDULED, PostStatus.PUBLISHING, PostStatus.UNKNOWN),
                clock.instant(),
                Updates.set("status", PostStatus.FAILED),
                Updates.set("errorMessage", reason.length() > MAX_ERROR ? reason.substring(0, MAX_ERROR) : reason));
    }

    @Override
    public void unknown(TenantScope scope, Delivery delivery) {
        objects.move(
                scope,
                delivery.id(),
                List.of(PostStatus.SCHEDULED, PostStatus.PUBLISHING),
                clock.instant(),
                Updates.set("status", PostStatus.UNKNOWN),
                Updates.set(
                        "errorMessage",
                        "the platform's answer was lost and it takes no idempotency key: check the account and"
                                + " confirm whether it was posted"));
    }
}
