package io.vivreal.management.security;

import io.vivreal.core.group.GroupSecurity;
import io.vivreal.core.web.ApiError;
import io.vivreal.core.web.ErrorResponses;
import io.vivreal.identity.token.IdTokenVerification;
import io.vivreal.identity.twofactor.SecondFactor;
import io.vivreal.identity.user.CurrentUsers;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code /api/**} takes only {@code Authorization: Bearer <ID token>}: no cookies, no session, so
 * no CSRF exposure. Failures answer in the Management API's error shape.
 */
@Configuration(proxyBeanMethods = false)
public class ManagementSecurityConfiguration {

    @Bean
    @Order(30)
    SecurityFilterChain managementChain(HttpSecurity http, IdTokenVerification verification) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth.authenticationManagerResolver(verification.resolver())
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ErrorResponses.write(
                                    response, 401, ApiError.of("unauthenticated", "a valid bearer token is required"));
                        })
                        .accessDeniedHandler((request, response, e) ->
                                ErrorResponses.write(response, 403, ApiError.of("forbidden", "not allowed"))))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    ErrorResponses.write(
                            response, 401, ApiError.of("unauthenticated", "a valid bearer token is required"));
                }))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    WebMvcConfigurer callerResolver(CurrentUsers currentUsers) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver(currentUsers));
            }
        };
    }

    /** A group's "require a second factor" policy, enforced once for all of its routes. */
    @Bean
    WebMvcConfigurer twoFactorGate(
            GroupSecurity groupSecurity,
            SecondFactor secondFactor,
            CurrentUsers currentUsers,
            IdTokenVerification verification) {
        TwoFactorGate gate = new TwoFactorGate(groupSecurity, secondFactor, currentUsers, verification);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(gate).addPathPatterns("/api/groups/*", "/api/groups/*/**");
            }
        };
    }
}
