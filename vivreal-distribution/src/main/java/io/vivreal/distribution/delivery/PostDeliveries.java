package io.vivreal.distribution.delivery;

import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queue's door for posts: each channel of a post is one delivery, due at the post's time,
 * logged, retried and resendable like any other. Its id comes from the post and the channel, so
 * a repeated request makes it once; its {@code eventAt} is the post's time, so a post scheduled
 * for tomorrow never holds back today's deliveries of the same channel. Edits and cancellations
 * are compare-and-set on {@code pending}: once a worker took it, they fail (409 for the caller).
 */
public final class PostDeliveries {

    private final DeliveryRepository deliveries;
    private final DeliveryLanes lanes;
    private final Runnable nudge;
    private final Clock clock;

    PostDeliveries(DeliveryRepository deliveries, DeliveryLanes lanes, Runnable nudge, Clock clock) {
        this.deliveries = deliveries;
        this.lanes = lanes;
        this.nudge = nudge;
        this.clock = clock;
    }

    /** The delivery id of one channel of a post. */
    public static String idFor(String postId, String channelId) {
        return Delivery.idFor("post:" + postId, channelId);
    }

    /** Queues one channel of a post, due at {@code at}; answers the delivery's id. */
    public String schedule(
            TenantScope scope,
            String postId,
            String channelId,
            String itemId,
            String collectionId,
            Message message,
            Instant at) {
        Instant now = clock.instant();
        String id = idFor(postId, channelId);
        deliveries.insert(
                scope,
                new Delivery(
                        id,
                        scope.groupID(),
                        channelId,
                        "post:" + postId,
                        "post.published",
                        itemId,
                        collectionId,
                        at,
                        DeliveryStatus.PENDING,
                        at,
                        0,
                        List.of(),
                        now,
                        message));
        lanes.signal(scope, channelId, at);
        nudge.run();
        return id;
    }

    /** Replaces what a queued post sends and when; false once sending started. */
    public boolean reschedule(TenantScope scope, String deliveryId, String channelId, Message message, Instant at) {
        boolean replaced = deliveries.replacePending(scope, deliveryId, message, at);
        if (replaced) {
            lanes.signal(scope, channelId, at);
            nudge.run();
        }
        return replaced;
    }

    /** Cancels a queued post's delivery; false once sending started. */
    public boolean cancel(TenantScope scope, String deliveryId) {
        return deliveries.cancelPending(scope, deliveryId);
    }

    /** Settles a held ({@code unknown}) post as a person confirmed it; false when it is not held. */
    public boolean confirm(TenantScope scope, String deliveryId, boolean published) {
        return deliveries.settleHeld(
                scope, deliveryId, published ? DeliveryStatus.SUCCEEDED : DeliveryStatus.EXHAUSTED);
    }

    public Optional<DeliveryStatus> status(TenantScope scope, String deliveryId) {
        return deliveries.find(scope, deliveryId).map(Delivery::status);
    }
}
