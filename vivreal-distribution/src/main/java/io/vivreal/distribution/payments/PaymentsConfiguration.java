package io.vivreal.distribution.payments;

import com.stripe.param.checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry;
import io.vivreal.content.ContentChangedEvent;
import io.vivreal.content.media.MediaService;
import io.vivreal.content.sites.SiteRepository;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.mail.MailSender;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.core.web.PublicUrl;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Payments through Stripe: {@code VIVREAL_STRIPE_API_BASE} (default {@code https://api.stripe.com};
 * a local fake in tests) and {@code VIVREAL_STRIPE_SHIPPING_COUNTRIES} (ISO codes Checkout collects
 * shipping addresses for when a cart requires shipping). See docs/PAYMENTS.md.
 */
@Configuration(proxyBeanMethods = false)
public class PaymentsConfiguration {

    @Bean
    StripeApi stripeApi(
            @Value("${vivreal.stripe.api-base:" + StripeApi.DEFAULT_BASE + "}") String base, OutboundHttp http) {
        return new StripeApi(base, http);
    }

    @Bean
    StripeAccounts stripeAccounts(
            TenantStore store, ControlPlane controlPlane, CredentialCipher cipher, SecureRandom random) {
        return new StripeAccounts(store, controlPlane, cipher, random);
    }

    @Bean
    StripeSecretsStore stripeSecretsStore(GroupRepository groups, TenantStore store) {
        return new StripeSecretsStore(groups, store);
    }

    @Bean
    StripeProducts stripeProducts(TenantStore store) {
        return new StripeProducts(store);
    }

    @Bean
    Orders orders(TenantStore store) {
        return new Orders(store);
    }

    @Bean
    OrderMails orderMails(Orders orders, MailSender mail, Clock clock) {
        return new OrderMails(orders, mail, clock);
    }

    @Bean
    ProductSync productSync(
            StripeApi api,
            StripeProducts products,
            StripeAccounts accounts,
            ProductImages images,
            ApplicationEventPublisher events,
            Clock clock) {
        return new ProductSync(
                api,
                products,
                accounts,
                images,
                groupID -> events.publishEvent(new ContentChangedEvent(groupID)),
                clock);
    }

    @Bean
    StripeConnections stripeConnections(
            StripeApi api,
            StripeAccounts accounts,
            StripeProducts products,
            ProductSync sync,
            AuditLog audit,
            PublicUrl publicUrl,
            Clock clock) {
        return new StripeConnections(api, accounts, products, sync, audit, publicUrl::value, clock);
    }

    @Bean
    CheckoutSessions checkoutSessions(
            StripeApi api,
            StripeAccounts accounts,
            StripeProducts products,
            SiteRepository sites,
            Orders orders,
            RateLimiter limiter,
            Clock clock,
            @Value("${vivreal.stripe.shipping-countries:US,CA,GB,IE,AU,NZ,DE,FR,NL,BE,AT,CH,ES,IT,PT,SE,DK,NO,FI}")
                    String countries) {
        List<AllowedCountry> allowed = Arrays.stream(countries.split(","))
                .map(String::strip)
                .filter(code -> !code.isEmpty())
                .map(code -> AllowedCountry.valueOf(code.toUpperCase(Locale.ROOT)))
                .toList();
        return new CheckoutSessions(api, accounts, products, sites, orders, limiter, allowed, clock);
    }

    @Bean
    PromotionCodes promotionCodes(StripeApi api, StripeAccounts accounts, RateLimiter limiter, Clock clock) {
        return new PromotionCodes(api, accounts, limiter, clock);
    }

    @Bean
    StripeWebhooks stripeWebhooks(
            StripeAccounts accounts,
            ProductSync sync,
            Orders orders,
            OrderMails mails,
            GroupRepository groups,
            Clock clock) {
        return new StripeWebhooks(accounts, sync, orders, mails, groups, clock);
    }

    @Bean
    ProductImages productImages(OutboundHttp http, MediaService media, GroupRepository groups) {
        return new MediaProductImages(http, media, groups);
    }
}
