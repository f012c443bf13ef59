package io.vivreal.content;

import io.vivreal.content.items.ItemFinder;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.items.ItemService;
import io.vivreal.content.items.VersionRepository;
import io.vivreal.content.media.MediaLookup;
import io.vivreal.content.publish.ContentEvents;
import io.vivreal.content.publish.GoLiveWorker;
import io.vivreal.content.publish.Publication;
import io.vivreal.content.publish.PublishSchedule;
import io.vivreal.content.schema.ValueValidator;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.content.types.ContentTypeService;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.config.PeriodicTask;
import io.vivreal.core.load.QueryPermits;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.store.CommitBatch;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The content engine's beans. */
@Configuration(proxyBeanMethods = false)
public class ContentConfiguration {

    @Bean
    UsageCounters usageCounters(ControlPlane controlPlane, TenantStore store) {
        return new UsageCounters(controlPlane, ContentUsage.sources(store, controlPlane));
    }

    @Bean
    ContentTypeRepository contentTypeRepository(TenantStore store) {
        return new ContentTypeRepository(store);
    }

    @Bean
    ItemRepository itemRepository(TenantStore store) {
        return new ItemRepository(store);
    }

    @Bean
    VersionRepository versionRepository(TenantStore store) {
        return new VersionRepository(store);
    }

    /**
     * How many item listings run at once: in total, and per group (so one group's burst never
     * takes every slot). Each holds a decoded page, and on the embedded store every item of the
     * type while it sorts, so this is what bounds a listing burst's memory.
     */
    @Bean
    QueryPermits listingPermits(
            @Value("${vivreal.listings.concurrency:2}") int total,
            @Value("${vivreal.listings.per-group:1}") int perGroup,
            @Value("${vivreal.listings.max-wait:3s}") Duration maxWait) {
        return new QueryPermits(total, perGroup, maxWait);
    }

    @Bean
    ItemFinder itemFinder(Clock clock, QueryPermits listingPermits) {
        return new ItemFinder(clock, listingPermits);
    }

    @Bean
    PublishSchedule publishSchedule(ControlPlane controlPlane) {
        return new PublishSchedule(controlPlane);
    }

    @Bean
    ContentEvents contentEvents(ControlPlane controlPlane, Clock clock, ApplicationEventPublisher publisher) {
        return new ContentEvents(controlPlane, clock, publisher);
    }

    @Bean
    Publication publication(PublishSchedule schedule, ContentEvents events, Clock clock) {
        return new Publication(schedule, events, clock);
    }

    @Bean
    ValueValidator valueValidator(MediaLookup media) {
        return new ValueValidator(media);
    }

    @Bean
    ContentTypeService contentTypeService(
            ContentTypeRepository types,
            ItemRepository items,
            UsageCounters usage,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        return new ContentTypeService(types, items, usage, audit, events, clock);
    }

    @Bean
    ItemService itemService(
            ContentTypeRepository types,
            ItemRepository items,
            VersionRepository versions,
            ValueValidator validator,
            UsageCounters usage,
            Publication publication,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            CommitBatch batch) {
        return new ItemService(types, items, versions, validator, usage, publication, audit, events, clock, batch);
    }

    @Bean
    GoLiveWorker goLiveWorker(
            PublishSchedule schedule,
            ItemRepository items,
            ContentEvents events,
            ApplicationEventPublisher publisher,
            Clock clock) {
        return new GoLiveWorker(schedule, items, events, publisher, clock);
    }

    @Bean
    PeriodicTask goLive(GoLiveWorker worker, @Value("${vivreal.go-live-interval:1s}") Duration interval) {
        return new PeriodicTask("go-live", interval, worker::runOnce, () -> {});
    }
}
