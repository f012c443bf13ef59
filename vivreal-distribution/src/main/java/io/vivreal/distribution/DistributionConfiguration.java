package io.vivreal.distribution;

import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.config.PeriodicTask;
import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.distribution.channels.ChannelRepository;
import io.vivreal.distribution.channels.ChannelSecretsStore;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.delivery.ChannelSender;
import io.vivreal.distribution.delivery.PublishedContentDispatcher;
import io.vivreal.distribution.delivery.PublishedMessages;
import io.vivreal.distribution.outbound.OutboundGuard;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The distribution module: channels, delivery and the outbound guard. */
@Configuration(proxyBeanMethods = false)
public class DistributionConfiguration {

    @Bean
    OutboundGuard outboundGuard(VivrealProperties properties) {
        return OutboundGuard.withSystemResolver(properties.outboundAllowlist());
    }

    @Bean
    ChannelRepository channelRepository(TenantStore store) {
        return new ChannelRepository(store);
    }

    /** The channels' secrets, for {@code ./vivreal admin rotate-encryption-key}. */
    @Bean
    EncryptedFieldStore channelSecrets(GroupRepository groups, TenantStore store) {
        return new ChannelSecretsStore(groups, store);
    }

    @Bean
    PublishedContentDispatcher publishedContentDispatcher(
            ControlPlane controlPlane,
            GroupRepository groups,
            ChannelService channels,
            ItemRepository items,
            ContentTypeRepository types,
            Clock clock,
            @Value("${vivreal.delivery.retry-base:10s}") Duration retryBase) {
        return new PublishedContentDispatcher(
                controlPlane, groups, channels, new PublishedMessages(items, types), clock, retryBase);
    }

    /** Pushes published content to the channels: every instance, claims keep it once per event. */
    @Bean
    PeriodicTask channelDelivery(
            PublishedContentDispatcher dispatcher, @Value("${vivreal.delivery.interval:2s}") Duration interval) {
        return new PeriodicTask("channel-delivery", interval, dispatcher::runOnce, () -> {});
    }

    @Bean
    ChannelSender channelSender(Clock clock, SecureRandom random) {
        return new ChannelSender(clock, random, Duration.ofSeconds(10));
    }

    @Bean
    ChannelService channelService(
            ChannelRepository repository,
            CredentialCipher cipher,
            OutboundGuard guard,
            ChannelSender sender,
            AuditLog audit,
            Clock clock) {
        return new ChannelService(repository, cipher, guard, sender, audit, clock);
    }
}
