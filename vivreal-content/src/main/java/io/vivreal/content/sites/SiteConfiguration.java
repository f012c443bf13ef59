package io.vivreal.content.sites;

import io.vivreal.content.schema.ValueValidator;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sites: the tenant {@code sites} collection and its validation. */
@Configuration(proxyBeanMethods = false)
public class SiteConfiguration {

    @Bean
    SiteRepository siteRepository(TenantStore store) {
        return new SiteRepository(store);
    }

    @Bean
    SiteService siteService(
            SiteRepository repository, ValueValidator validator, AuditLog audit, Clock clock, UsageCounters usage) {
        return new SiteService(repository, new SiteValidator(validator), audit, clock, usage);
    }
}
