package io.vivreal.app.web;

import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.web.AccessLogAppender;
import io.vivreal.core.web.RequestBodyLimitFilter;
import io.vivreal.core.web.RequestBodyLimitFilter.PathLimit;
import io.vivreal.core.web.RequestLog;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** What the assembled application adds: request ids, the body limit on every route, health, and the fallback chain. */
@Configuration(proxyBeanMethods = false)
class AppWebConfiguration {

    /**
     * Media uploads may carry the largest tier's file (50 MB) plus the multipart framing; this
     * matches {@code spring.servlet.multipart.max-request-size}. The tier's own limit is checked
     * per group once the caller is known.
     */
    static final long MEDIA_UPLOAD_LIMIT = 51L * 1024 * 1024;

    static final Pattern MEDIA_UPLOAD_ROUTE = Pattern.compile("/api/groups/[0-9a-f]{24}/media");

    /** The same upload through the portal's proxy, for the active group. */
    static final Pattern PORTAL_MEDIA_UPLOAD_ROUTE = Pattern.compile("/app/api/proxy/media");

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit() {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(
                        RequestBodyLimitFilter.DEFAULT_LIMIT,
                        List.of(
                                new PathLimit("POST", MEDIA_UPLOAD_ROUTE, MEDIA_UPLOAD_LIMIT),
                                new PathLimit("POST", PORTAL_MEDIA_UPLOAD_ROUTE, MEDIA_UPLOAD_LIMIT))));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * The access lines are written off the request thread ({@link AccessLogAppender}); logging is
     * configured by the time beans are made. Closed with the context, before the logging system
     * stops the console, so no queued line is lost.
     */
    @Bean
    AccessLogAppender accessLogAppender() {
        return AccessLogAppender.install();
    }

    /** Request ids and the access line come first, so even a refused body is logged with its id. */
    @Bean
    FilterRegistrationBean<RequestLog> requestLog() {
        FilterRegistrationBean<RequestLog> registration = new FilterRegistrationBean<>(new RequestLog());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Health includes the store: an instance that cannot reach it should not take traffic. */
    @Bean
    HealthIndicator store(ControlPlane controlPlane) {
        return () -> controlPlane.ping() ? Health.up().build() : Health.down().build();
    }

    /** Health is public; other actuator endpoints are closed; unknown routes fall through to 404. */
    @Bean
    @Order(100)
    SecurityFilterChain fallbackChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(
                        requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                                .permitAll()
                                // the metrics token was checked by MetricsTokenFilter before this chain
                                .requestMatchers("/actuator/prometheus")
                                .permitAll()
                                .requestMatchers("/actuator/**")
                                .denyAll()
                                .anyRequest()
                                .permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }
}
