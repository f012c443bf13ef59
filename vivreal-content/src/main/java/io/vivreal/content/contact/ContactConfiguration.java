package io.vivreal.content.contact;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Contact addresses: the tenant {@code contact_addresses} collection and its rules. */
@Configuration(proxyBeanMethods = false)
public class ContactConfiguration {

    @Bean
    ContactAddresses contactAddresses(TenantStore store, AuditLog audit, Clock clock) {
        return new ContactAddresses(store, audit, clock);
    }
}
