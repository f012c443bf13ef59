package io.vivreal.distribution;

import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.distribution.adapters.BlueskyAdapter;
import io.vivreal.distribution.adapters.ChannelAdapter;
import io.vivreal.distribution.adapters.ChannelAdapters;
import io.vivreal.distribution.adapters.ChatAdapter;
import io.vivreal.distribution.adapters.CustomAdapter;
import io.vivreal.distribution.adapters.MastodonAdapter;
import io.vivreal.distribution.adapters.WebhookAdapter;
import io.vivreal.distribution.channels.ChannelRepository;
import io.vivreal.distribution.channels.ChannelSecretsStore;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.delivery.DeliveryConfiguration;
import io.vivreal.distribution.outbound.GuardedOutboundHttp;
import io.vivreal.distribution.outbound.OutboundGuard;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The distribution module: channel configuration, one adapter per channel type, the outbound
 * client every adapter sends through, and the delivery queue ({@link DeliveryConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Import(DeliveryConfiguration.class)
public class DistributionConfiguration {

    @Bean
    OutboundGuard outboundGuard(VivrealProperties properties) {
        return OutboundGuard.withSystemResolver(properties.outboundAllowlist());
    }

    @Bean
    OutboundHttp outboundHttp(OutboundGuard guard, Clock clock) {
        return new GuardedOutboundHttp(guard, clock);
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
    ChannelService channelService(
            ChannelRepository repository,
            CredentialCipher cipher,
            OutboundGuard guard,
            ContentTypeRepository types,
            AuditLog audit,
            Clock clock) {
        return new ChannelService(repository, cipher, guard, types, audit, clock);
    }

    @Bean
    ChannelAdapters channelAdapters(Clock clock) {
        List<ChannelAdapter> adapters = List.of(
                new WebhookAdapter(clock),
                ChatAdapter.slack(),
                ChatAdapter.discord(),
                new MastodonAdapter(clock, MastodonAdapter.POLLS),
                new CustomAdapter(),
                new BlueskyAdapter());
        return new ChannelAdapters(adapters);
    }
}
