package io.vivreal.management.payments;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /webhooks/stripe/**} is public: Stripe signs each event, and the handler checks the
 * signature. No session, no cookies, and no CSRF token (Stripe has none; the signature is what a
 * CSRF token would prove).
 */
@Configuration(proxyBeanMethods = false)
class StripeWebhookSecurityConfiguration {

    @Bean
    @Order(22)
    SecurityFilterChain stripeWebhookChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/webhooks/stripe/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }
}
