package io.vivreal.distribution.delivery;

import io.vivreal.content.publish.ContentEvents;
import io.vivreal.content.publish.EventType;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.Message;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.channels.ChannelSubscription;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns outbox events into deliveries: one per channel of the event's group that subscribes to
 * the event's type and content type. Idempotent — a delivery's id comes from the event and the
 * channel, so two instances (or a rerun after a crash) fanning out the same event make each
 * delivery once. The event is marked only after its deliveries and lane signals are written.
 * A channel that auto-posts the item's content type gets a composed post ({@link AutoPosts})
 * for a publication instead of the event's one-line message.
 */
final class FanOut {

    private final ContentEvents events;
    private final ChannelService channels;
    private final DeliveryRepository deliveries;
    private final DeliveryLanes lanes;
    private final EventMessages messages;
    private final Clock clock;
    private final AutoPosts autoPosts;

    FanOut(
            ContentEvents events,
            ChannelService channels,
            DeliveryRepository deliveries,
            DeliveryLanes lanes,
            EventMessages messages,
            Clock clock,
            AutoPosts autoPosts) {
        this.autoPosts = autoPosts;
        this.events = events;
        this.channels = channels;
        this.deliveries = deliveries;
        this.lanes = lanes;
        this.messages = messages;
        this.clock = clock;
    }

    /** Fans out a batch of events, oldest first; answers how many deliveries were made. */
    int fanOut(List<ContentEvents.Event> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Map<String, List<ChannelSubscription>> subscriptions = new HashMap<>();
        Map<String, TenantScope> touched = new LinkedHashMap<>();
        int made = 0;
        for (ContentEvents.Event event : batch) {
            List<ChannelSubscription> ofGroup = subscriptions.computeIfAbsent(
                    event.scope().groupID(), group -> channels.subscriptions(event.scope()));
            Message message = null;
            for (ChannelSubscription channel : ofGroup) {
                if (event.type() == EventType.PUBLISHED
                        && channel.autoPost().posts(event.collectionId())
                        && autoPosts.post(event, channel.channelId())) {
                    made++;
                    continue;
                }
                if (!channel.subscription().wants(event.type(), event.collectionId())) {
                    continue;
                }
                if (message == null) {
                    message = messages.of(event);
                }
                Delivery delivery = new Delivery(
                        Delivery.idFor(event.id(), channel.channelId()),
                        event.scope().groupID(),
                        channel.channelId(),
                        event.id(),
                        event.type().wireName(),
                        event.itemId(),
                        event.collectionId(),
                        event.createdAt(),
                        DeliveryStatus.PENDING,
                        now,
                        0,
                        List.of(),
                        now,
                        message);
                if (deliveries.insert(event.scope(), delivery)) {
                    made++;
                }
                touched.put(channel.channelId(), event.scope());
            }
        }
        touched.forEach((channelId, scope) -> lanes.signal(scope, channelId, now));
        for (ContentEvents.Event event : batch) {
            events.fannedOut(event.id());
        }
        return made;
    }
}
