package io.vivreal.distribution.feeds;

import io.vivreal.content.ContentChangedEvent;
import io.vivreal.content.items.ItemFinder;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.media.HmacMediaUrls;
import io.vivreal.content.publish.ContentEvents;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.config.PeriodicTask;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.web.PublicUrl;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Feeds and their settings: {@code VIVREAL_WEBSUB_HUB} (the hub feeds advertise and ping; none by
 * default), {@code VIVREAL_FEEDS_CACHE_TTL} (default 30 s), {@code VIVREAL_FEEDS_CACHE_MAX_BYTES}
 * (default 16 MB), {@code VIVREAL_FEEDS_MEDIA_URL_TTL} (how long an enclosure's signed URL is
 * valid, default 7 days — see docs/FEEDS.md) and {@code VIVREAL_WEBSUB_INTERVAL} (how often the
 * outbox is read for pings, default 1 s).
 */
@Configuration(proxyBeanMethods = false)
public class FeedsConfiguration {

    @Bean
    FeedRepository feedRepository(ControlPlane controlPlane, SecureRandom random) {
        return new FeedRepository(controlPlane, random);
    }

    @Bean
    FeedCache feedCache(
            @Value("${vivreal.feeds.cache-ttl:30s}") Duration ttl,
            @Value("${vivreal.feeds.cache-max-bytes:16MB}") DataSize maxBytes) {
        return new FeedCache(maxBytes.toBytes(), ttl, System::nanoTime);
    }

    @Bean
    FeedService feedService(
            FeedRepository feeds,
            ContentTypeRepository types,
            FeedCache cache,
            AuditLog audit,
            PublicUrl publicUrl,
            Clock clock) {
        return new FeedService(feeds, types, cache, audit, publicUrl::value, clock);
    }

    /**
     * The feeds sign enclosure URLs with the media key but a longer lifetime than the Client API's:
     * a reader fetches the feed now and the file hours or days later. Not a bean of its own, so
     * the Client API's {@code MediaUrls} stays the only one to inject.
     */
    @Bean
    PublicFeeds publicFeeds(
            FeedRepository feeds,
            GroupRepository groups,
            ContentTypeRepository types,
            ItemRepository items,
            ItemFinder finder,
            FeedCache cache,
            FeedService service,
            Secrets secrets,
            PublicUrl publicUrl,
            Clock clock,
            @Value("${vivreal.feeds.media-url-ttl:7d}") Duration mediaUrlTtl,
            @Value("${vivreal.websub.hub:}") String hub) {
        HmacMediaUrls mediaUrls = new HmacMediaUrls(
                secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET), publicUrl::value, clock, mediaUrlTtl);
        return new PublicFeeds(
                feeds, groups, types, new FeedItems(items, finder, mediaUrls, clock), cache, service, hub);
    }

    /** A content write on this instance shows in its feeds on the next request. */
    @Bean
    ApplicationListener<PayloadApplicationEvent<ContentChangedEvent>> evictChangedFeeds(FeedCache cache) {
        return ApplicationListener.forPayload(event -> cache.evictGroup(event.groupID()));
    }

    @Bean
    WebSubPings webSubPings(ControlPlane controlPlane) {
        return new WebSubPings(controlPlane);
    }

    @Bean
    PeriodicTask webSubPublisher(
            @Value("${vivreal.websub.hub:}") String hub,
            @Value("${vivreal.websub.interval:1s}") Duration interval,
            ContentEvents events,
            FeedRepository feeds,
            WebSubPings pings,
            FeedService service,
            OutboundHttp http,
            Clock clock) {
        WebSubPublisher publisher = new WebSubPublisher(hub, events, feeds, pings, service, http, clock);
        return new PeriodicTask("websub", interval, publisher::pass, () -> {});
    }
}
