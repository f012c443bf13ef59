package io.vivreal.content.subscribers;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.core.web.PublicUrl;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The subscriber store, its link tokens and the sign-up service. */
@Configuration(proxyBeanMethods = false)
public class SubscriberConfiguration {

    @Bean
    SubscriberRepository subscriberRepository(TenantStore store) {
        return new SubscriberRepository(store);
    }

    @Bean
    SubscriberTokens subscriberTokens(Secrets secrets, Clock clock) {
        return new SubscriberTokens(secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET), clock);
    }

    @Bean
    Subscriptions subscriptions(
            SubscriberRepository repository,
            SubscriberTokens tokens,
            GroupRepository groups,
            MailSender mail,
            PublicUrl publicUrl,
            AuditLog audit,
            Clock clock) {
        return new Subscriptions(repository, tokens, groups, mail, publicUrl, audit, clock);
    }
}
