package io.vivreal.distribution.delivery;

import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.publish.ContentEventRecorded;
import io.vivreal.content.publish.ContentEvents;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.distribution.adapters.ChannelAdapters;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The delivery queue's beans and settings: {@code VIVREAL_DELIVERY_WORKERS} (threads per
 * instance, default 4), {@code VIVREAL_DELIVERY_INTERVAL} (how often the dispatcher looks for due
 * work without being woken, default 250 ms), {@code VIVREAL_DELIVERY_RETRY_SCHEDULE} (default
 * Svix's), {@code VIVREAL_DELIVERY_LEASE} (how long a claimed channel stays held without being
 * extended, default 30 s) and {@code VIVREAL_DELIVERY_BACKGROUND} (false only for tools and tests
 * that drive the queue themselves).
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    @Bean
    DeliveryRepository deliveryRepository(TenantStore store) {
        return new DeliveryRepository(store);
    }

    @Bean
    DeliveryLanes deliveryLanes(ControlPlane controlPlane) {
        return new DeliveryLanes(controlPlane);
    }

    @Bean
    ChannelHealthRepository channelHealthRepository(TenantStore store) {
        return new ChannelHealthRepository(store);
    }

    /** Attempts by channel type and outcome, for metrics. */
    @Bean
    AttemptCounts deliveryAttemptCounts() {
        return new AttemptCounts();
    }

    @Bean
    DeliveryEngine deliveryEngine(
            ContentEvents events,
            ChannelService channels,
            DeliveryRepository deliveries,
            DeliveryLanes lanes,
            ChannelHealthRepository health,
            ChannelAdapters adapters,
            OutboundHttp http,
            ItemRepository items,
            ContentTypeRepository types,
            AuditLog audit,
            Clock clock,
            SecureRandom random,
            org.springframework.beans.factory.ObjectProvider<PostSends> posts,
            org.springframework.beans.factory.ObjectProvider<AutoPosts> autoPosts,
            AttemptCounts attempts,
            @Value("${vivreal.delivery.workers:4}") int workers,
            @Value("${vivreal.delivery.interval:250ms}") Duration interval,
            @Value("${vivreal.delivery.lease:30s}") Duration lease,
            @Value("${vivreal.delivery.retry-schedule:0s,5s,5m,30m,2h,5h,10h,10h}") String schedule,
            @Value("${vivreal.delivery.background:true}") boolean background) {
        if (lease.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("vivreal.delivery.lease must be at least 2s");
        }
        FanOut fanOut = new FanOut(
                events,
                channels,
                deliveries,
                lanes,
                new EventMessages(items, types),
                clock,
                // resolved at each publication: the posts depend on this engine, so not at start-up
                (event, channelId) ->
                        autoPosts.getIfAvailable(() -> AutoPosts.NONE).post(event, channelId));
        LaneWorker worker = new LaneWorker(
                channels,
                deliveries,
                health,
                lanes,
                adapters,
                http,
                new DeliveryPolicy(RetrySchedule.parse(schedule), random),
                audit,
                clock,
                posts.getIfAvailable(() -> PostSends.NONE),
                attempts);
        return new DeliveryEngine(events, fanOut, lanes, worker, clock, workers, interval, lease, background);
    }

    /** Deliveries past their 30 days, for the embedded store's periodic sweep. */
    @Bean
    Housekeeping expiredDeliveries(DeliveryRepository deliveries, GroupRepository groups, Clock clock) {
        return new Housekeeping(deliveries, groups, clock);
    }

    @Bean
    DeliveryService deliveryService(
            DeliveryRepository deliveries,
            ChannelHealthRepository health,
            DeliveryLanes lanes,
            ChannelService channels,
            ChannelAdapters adapters,
            OutboundHttp http,
            AuditLog audit,
            Clock clock,
            SecureRandom random,
            DeliveryEngine engine,
            RateLimiter limiter,
            @Value("${vivreal.channels.tests-per-window:10}") int testsPerWindow) {
        return new DeliveryService(
                deliveries,
                health,
                lanes,
                channels,
                adapters,
                http,
                audit,
                clock,
                random,
                engine::nudge,
                limiter,
                testsPerWindow);
    }

    @Bean
    PostDeliveries postDeliveries(
            DeliveryRepository deliveries, DeliveryLanes lanes, DeliveryEngine engine, Clock clock) {
        return new PostDeliveries(deliveries, lanes, engine::nudge, clock);
    }

    /** New events wake the engine on the instance that recorded them. */
    @Bean
    RecordedEvents recordedEvents(DeliveryEngine engine) {
        return new RecordedEvents(engine);
    }

    static final class RecordedEvents {
        private final DeliveryEngine engine;

        RecordedEvents(DeliveryEngine engine) {
            this.engine = engine;
        }

        @EventListener
        void on(ContentEventRecorded event) {
            engine.recorded(event.eventId());
        }
    }
}
