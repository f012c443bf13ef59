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
import io.vivreal.distribution.adapters.LinkedInAdapter;
import io.vivreal.distribution.adapters.MastodonAdapter;
import io.vivreal.distribution.adapters.WebhookAdapter;
import io.vivreal.distribution.channels.ChannelRepository;
import io.vivreal.distribution.channels.ChannelSecretsStore;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.connections.ConnectionTokens;
import io.vivreal.distribution.connections.ConnectionsConfiguration;
import io.vivreal.distribution.delivery.DeliveryConfiguration;
import io.vivreal.distribution.newsletter.NewsletterAdapter;
import io.vivreal.distribution.outbound.GuardedOutboundHttp;
import io.vivreal.distribution.outbound.OutboundGuard;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.posts.PostsConfiguration;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The distribution module: channel configuration, one adapter per channel type, the outbound
 * client every adapter sends through, and the delivery queue ({@link DeliveryConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Import({DeliveryConfiguration.class, ConnectionsConfiguration.class, PostsConfiguration.class})
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
            Clock clock,
            ChannelAdapters adapters) {
        Set<ChannelType> social = EnumSet.noneOf(ChannelType.class);
        for (ChannelType type : ChannelType.values()) {
            if (adapters.of(type).social()) {
                social.add(type);
            }
        }
        return new ChannelService(repository, cipher, guard, types, audit, clock, social);
    }

    @Bean
    ChannelAdapters channelAdapters(
            Clock clock,
            ConnectionTokens tokens,
            @Value("${vivreal.connections.linkedin.api-url:https://api.linkedin.com/rest}") String linkedInApi,
            @Value("${vivreal.connections.linkedin.userinfo-url:https://api.linkedin.com/v2/userinfo}")
                    String linkedInUserinfo,
            @Value("${vivreal.connections.linkedin.api-version:202609}") String linkedInVersion,
            NewsletterAdapter newsletter) {
        List<ChannelAdapter> adapters = List.of(
                new WebhookAdapter(clock),
                ChatAdapter.slack(),
                ChatAdapter.discord(),
                new MastodonAdapter(clock, MastodonAdapter.POLLS),
                new CustomAdapter(),
                new BlueskyAdapter(),
                new LinkedInAdapter(tokens, linkedInApi, linkedInUserinfo, linkedInVersion, clock),
                newsletter);
        return new ChannelAdapters(adapters);
    }
}
