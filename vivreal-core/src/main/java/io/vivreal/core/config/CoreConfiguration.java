package io.vivreal.core.config;

import io.vivreal.authorizer.ApiKeyHasher;
import io.vivreal.authorizer.ApiKeyLookup;
import io.vivreal.authorizer.MongoApiKeyLookup;
import io.vivreal.core.apikey.ApiKeyUsageTracker;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.CryptoConfiguration;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.group.ApiKeyCiphertextStore;
import io.vivreal.core.group.GroupAdministration;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.GroupSecurity;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Tier;
import io.vivreal.core.invitation.InvitationConfiguration;
import io.vivreal.core.mail.MailConfiguration;
import io.vivreal.core.metering.ApiMeter;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.core.secrets.SecretsConfiguration;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.StoreConfiguration;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.core.web.ClientAddress;
import io.vivreal.core.web.PublicUrl;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** The core every surface shares: store, secrets, crypto, groups, keys and audit. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VivrealProperties.class)
@Import({
    StoreConfiguration.class,
    SecretsConfiguration.class,
    CryptoConfiguration.class,
    MailConfiguration.class,
    InvitationConfiguration.class
})
public class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PublicUrl publicUrl(VivrealProperties properties, Environment environment) {
        if (properties.production() && properties.publicUrl().isBlank()) {
            // behind a load balancer every instance must issue tokens and media URLs for one address
            throw new IllegalStateException("VIVREAL_PUBLIC_URL must be set in production");
        }
        return new PublicUrl(properties.publicUrl(), environment);
    }

    @Bean
    RateLimiter rateLimiter(ControlPlane controlPlane, Clock clock) {
        return new RateLimiter(controlPlane, clock);
    }

    @Bean
    ClientAddress clientAddress(VivrealProperties properties) {
        return new ClientAddress(properties.trustedProxies());
    }

    @Bean
    GroupRepository groupRepository(ControlPlane controlPlane, Clock clock) {
        return new GroupRepository(controlPlane, clock);
    }

    @Bean
    GroupAdministration groupAdministration(GroupRepository groups, AuditLog audit) {
        return new GroupAdministration(groups, audit);
    }

    @Bean
    GroupSecurity groupSecurity(ControlPlane controlPlane, GroupService groups, AuditLog audit) {
        return new GroupSecurity(controlPlane, groups, audit);
    }

    /** The groups' API-key ciphertexts, for {@code ./vivreal admin rotate-encryption-key}. */
    @Bean
    EncryptedFieldStore apiKeyCiphertexts(ControlPlane controlPlane) {
        return new ApiKeyCiphertextStore(controlPlane);
    }

    @Bean
    ApiKeyHasher apiKeyHasher(Secrets secrets) {
        return new ApiKeyHasher(secrets.keyBytes(SecretName.API_KEY_PEPPER));
    }

    @Bean
    ApiKeyLookup apiKeyLookup(ControlPlane controlPlane, Clock clock) {
        return new MongoApiKeyLookup(controlPlane.collection("groups"), clock);
    }

    @Bean
    AuditLog auditLog(TenantStore tenantStore, Clock clock) {
        return new AuditLog(tenantStore, clock);
    }

    @Bean
    ApiKeyUsageTracker apiKeyUsageTracker(Clock clock, GroupRepository groups) {
        return new ApiKeyUsageTracker(clock, groups::recordKeyUse);
    }

    @Bean
    SmartLifecycle apiKeyUsageFlusher(ApiKeyUsageTracker tracker, VivrealProperties properties) {
        return new PeriodicTask(
                "api-key-usage-flush", properties.authorizer().usageFlushInterval(), tracker::flush, tracker::flush);
    }

    @Bean
    ApiMeter apiMeter(ControlPlane controlPlane, Clock clock) {
        return new ApiMeter(controlPlane, clock);
    }

    @Bean
    SmartLifecycle apiMeterFlusher(ApiMeter meter, @Value("${vivreal.metering.flush-interval:10s}") Duration interval) {
        return new PeriodicTask("api-usage-flush", interval, meter::flush, meter::flush);
    }

    /** Removes ended records (rate-limit windows, signed-out tokens) where no TTL index does. */
    @Bean
    SmartLifecycle expiredRecordsSweeper(
            List<Expiring> expiring, @Value("${vivreal.sweep-interval:10m}") Duration interval) {
        return new PeriodicTask("expired-records", interval, () -> expiring.forEach(Expiring::sweepExpired), () -> {});
    }

    @Bean
    GroupService groupService(
            GroupRepository groups,
            ApiKeyHasher hasher,
            CredentialCipher cipher,
            AuditLog audit,
            TenantStore tenantStore,
            ApiKeyUsageTracker usage,
            ApplicationEventPublisher events,
            Clock clock,
            SecureRandom random,
            VivrealProperties properties,
            @Value("${vivreal.groups-per-user:5}") int groupsPerUser) {
        Set<Tier> selfService = properties.selfServiceTiers().stream()
                .map(tier -> Tier.parse(tier.strip(), "vivreal.self-service-tiers"))
                .collect(Collectors.toSet());
        return new GroupService(
                groups, hasher, cipher, audit, tenantStore, usage, events, clock, random, selfService, groupsPerUser);
    }
}
