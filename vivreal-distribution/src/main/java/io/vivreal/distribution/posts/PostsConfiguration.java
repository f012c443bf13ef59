package io.vivreal.distribution.posts;

import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.media.MediaStorage;
import io.vivreal.content.sites.SiteRepository;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.core.web.PublicUrl;
import io.vivreal.distribution.adapters.ChannelAdapters;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.delivery.PostDeliveries;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The composer, the posts and integration objects, and the bridge the delivery queue reports to. */
@Configuration(proxyBeanMethods = false)
public class PostsConfiguration {

    @Bean
    PostRepository postRepository(TenantStore store) {
        return new PostRepository(store);
    }

    @Bean
    IntegrationObjects integrationObjectRepository(TenantStore store) {
        return new IntegrationObjects(store);
    }

    @Bean
    Composer postComposer(
            ChannelService channels,
            ChannelAdapters adapters,
            OutboundHttp http,
            ItemRepository items,
            ContentTypeRepository types,
            SiteRepository sites,
            MediaStorage storage,
            PublicUrl publicUrl) {
        return new Composer(channels, adapters, http, items, types, sites, storage, publicUrl::value);
    }

    @Bean
    PostLifecycle postLifecycle(IntegrationObjects objects, Composer composer, Clock clock) {
        return new PostLifecycle(objects, composer, clock);
    }

    @Bean
    PostService postService(
            PostRepository posts,
            IntegrationObjects objects,
            Composer composer,
            PostDeliveries deliveries,
            AuditLog audit,
            Clock clock,
            GroupRepository groups) {
        return new PostService(posts, objects, composer, deliveries, audit, clock, groups);
    }
}
