package io.vivreal.clientapi;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vivreal.clientapi.authorizer.ApiKeyAuthorizer;
import io.vivreal.clientapi.authorizer.AuthorizerFilter;
import io.vivreal.clientapi.authorizer.TenantContextArgumentResolver;
import io.vivreal.clientapi.content.CollectionObjectReader;
import io.vivreal.clientapi.content.ContentCollections;
import io.vivreal.core.apikey.ApiKeyHasher;
import io.vivreal.core.apikey.ApiKeyLookup;
import io.vivreal.core.apikey.ApiKeyRevokedEvent;
import io.vivreal.core.apikey.ApiKeyUsageTracker;
import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The public Client API: the authorizer in front of {@code /tenant/**} and the content routes.
 * No cookies, no session, no CORS headers — the key is for server-side use only.
 */
@Configuration(proxyBeanMethods = false)
public class ClientApiConfiguration {

    @Bean
    ApiKeyAuthorizer apiKeyAuthorizer(ApiKeyHasher hasher, ApiKeyLookup lookup, VivrealProperties properties) {
        return new ApiKeyAuthorizer(
                hasher,
                lookup,
                properties.authorizer().cacheTtl(),
                properties.authorizer().cacheSize(),
                Ticker.systemTicker());
    }

    /** A regenerated key stops working on this instance at once, not when its cache entry expires. */
    @Bean
    ApplicationListener<PayloadApplicationEvent<ApiKeyRevokedEvent>> forgetRevokedKeys(ApiKeyAuthorizer authorizer) {
        return ApplicationListener.forPayload(event -> authorizer.forget(event.oldKeyHash()));
    }

    @Bean
    ContentCollections contentCollections() {
        return new ContentCollections();
    }

    @Bean
    CollectionObjectReader collectionObjectReader(TenantStore store, Clock clock) {
        return new CollectionObjectReader(store, clock);
    }

    @Bean
    @Order(10)
    SecurityFilterChain clientApiChain(HttpSecurity http, ApiKeyAuthorizer authorizer, ApiKeyUsageTracker usage)
            throws Exception {
        return http.securityMatcher("/tenant/**")
                .addFilterBefore(new AuthorizerFilter(authorizer, usage), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.cacheControl(cache -> cache.disable()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .build();
    }

    @Bean
    WebMvcConfigurer tenantContextResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new TenantContextArgumentResolver());
            }
        };
    }
}
