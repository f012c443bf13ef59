package io.vivreal.distribution.newsletter;

import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.subscribers.SubscriberRepository;
import io.vivreal.content.subscribers.Subscriptions;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The newsletter channel's adapter, send records, monthly allowance and pacing ({@code VIVREAL_NEWSLETTER_RATE}). */
@Configuration(proxyBeanMethods = false)
public class NewsletterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NewsletterConfiguration.class);

    @Bean
    NewsletterSends newsletterSends(TenantStore store, GroupRepository groups, Clock clock) {
        return new NewsletterSends(store, groups, clock);
    }

    @Bean
    NewsletterUsage newsletterUsage(ControlPlane controlPlane, Clock clock) {
        return new NewsletterUsage(controlPlane, clock);
    }

    @Bean
    NewsletterAdapter newsletterAdapter(
            GroupRepository groups,
            ItemRepository items,
            ContentTypeRepository types,
            SubscriberRepository subscribers,
            Subscriptions subscriptions,
            NewsletterSends sends,
            NewsletterUsage usage,
            MailSender mail,
            Clock clock,
            @Value("${vivreal.newsletter.rate:10}") double rate) {
        FairPacer pacer = new FairPacer(rate);
        log.info("newsletters go out at {} messages per second, shared between groups in turn", rate);
        return new NewsletterAdapter(
                groups, items, types, subscribers, subscriptions, sends, usage, pacer, mail, clock);
    }
}
