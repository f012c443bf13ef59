package io.vivreal.management.feeds;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /feeds/**} is public: the unguessable feed id is the credential, checked by the handler.
 * No session, no cookies, no CSRF (it only reads); the handler sets its own cache headers.
 */
@Configuration(proxyBeanMethods = false)
class PublicFeedSecurityConfiguration {

    @Bean
    @Order(21)
    SecurityFilterChain feedsChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/feeds/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }
}
