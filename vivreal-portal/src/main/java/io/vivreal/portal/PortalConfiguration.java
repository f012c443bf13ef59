package io.vivreal.portal;

import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.identity.token.IdTokenVerification;
import io.vivreal.portal.auth.ContextTokens;
import io.vivreal.portal.auth.CsrfTokens;
import io.vivreal.portal.auth.PortalSessions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The portal module: its cookies' keys, its session checks, its security headers and assets. */
@Configuration(proxyBeanMethods = false)
public class PortalConfiguration {

    /** Scripts and styles only from this origin: no inline script, no eval, no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    ContextTokens contextTokens(Secrets secrets, Clock clock) {
        return new ContextTokens(secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET), clock);
    }

    @Bean
    CsrfTokens csrfTokens(Secrets secrets) {
        return new CsrfTokens(secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET));
    }

    @Bean
    PortalSessions portalSessions(
            IdTokenVerification tokens, ContextTokens contexts, CsrfTokens csrf, GroupRepository groups) {
        return new PortalSessions(tokens, contexts, csrf, groups);
    }

    /**
     * {@code /app/**}: the portal does its own cookie checks (pages, proxy, CSRF), so Spring
     * Security contributes the headers: CSP without inline scripts, no framing, no sniffing, a
     * strict referrer policy. No session, no form login, no Spring CSRF (the portal's signed
     * double-submit replaces it).
     */
    @Bean
    @Order(25)
    SecurityFilterChain portalChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/app", "/app/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .contentTypeOptions(options -> {}))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }

    @Bean
    WebMvcConfigurer portalAssets() {
        return new WebMvcConfigurer() {
            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                registry.addResourceHandler("/app/assets/**")
                        .addResourceLocations("classpath:/portal/assets/")
                        .setCacheControl(
                                CacheControl.maxAge(Duration.ZERO).cachePublic().mustRevalidate());
            }
        };
    }
}
