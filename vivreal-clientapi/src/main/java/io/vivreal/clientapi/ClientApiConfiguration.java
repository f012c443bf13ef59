package io.vivreal.clientapi;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vivreal.authorizer.ApiKeyAuthorizer;
import io.vivreal.authorizer.ApiKeyHasher;
import io.vivreal.authorizer.ApiKeyLookup;
import io.vivreal.authorizer.KeyVerifier;
import io.vivreal.clientapi.authorizer.AuthorizerFilter;
import io.vivreal.clientapi.authorizer.TenantArgumentResolver;
import io.vivreal.clientapi.content.CachedReads;
import io.vivreal.clientapi.content.CollectionIndex;
import io.vivreal.clientapi.content.ContentReader;
import io.vivreal.clientapi.content.LeanPathFilter;
import io.vivreal.clientapi.content.Submissions;
import io.vivreal.clientapi.web.AnswerTimings;
import io.vivreal.clientapi.web.ReadModel;
import io.vivreal.clientapi.web.TenantRouteErrors;
import io.vivreal.content.ContentChangedEvent;
import io.vivreal.content.JsonPage;
import io.vivreal.content.items.ItemFinder;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.items.ItemService;
import io.vivreal.content.media.MediaSigner;
import io.vivreal.content.subscribers.Subscriptions;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.apikey.ApiKeyRevokedEvent;
import io.vivreal.core.apikey.ApiKeyUsageTracker;
import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.load.QueryPermits;
import io.vivreal.core.metering.ApiMeter;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.util.unit.DataSize;
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
    ContentReader contentReader(
            ContentTypeRepository types,
            ItemRepository items,
            TenantStore store,
            ItemFinder finder,
            MediaSigner signer,
            @Value("${vivreal.page-max-bytes:" + JsonPage.DEFAULT_MAX_BYTES + "}") int pageMaxBytes,
            ObjectProvider<CollectionIndex> index,
            Clock clock) {
        return new ContentReader(types, items, store, finder, signer, pageMaxBytes, index.getIfAvailable(), clock);
    }

    /**
     * The in-memory index of content types (ADR 0029). {@code vivreal.index.enabled}: {@code auto}
     * (the default) indexes on the embedded store, which has no secondary indexes, and leaves an
     * external MongoDB to its declared ones; {@code true} or {@code false} force it.
     */
    @Bean
    @ConditionalOnExpression("'${vivreal.index.enabled:auto}' == 'true' or ('${vivreal.index.enabled:auto}' == 'auto'"
            + " and '${vivreal.mongodb-uri:}'.isBlank())")
    CollectionIndex collectionIndex(
            ItemRepository items,
            QueryPermits listingPermits,
            @Value("${vivreal.index.max-bytes:64MB}") DataSize maxBytes,
            @Value("${vivreal.index.group-share:0.25}") double groupShare,
            @Value("${vivreal.index.builds:2}") int builds,
            @Value("${vivreal.index.check-interval:1s}") Duration checkInterval,
            @Value("${vivreal.index.max-age:5m}") Duration maxAge) {
        if (groupShare <= 0 || groupShare > 1) {
            throw new IllegalArgumentException("vivreal.index.group-share must be in (0, 1]");
        }
        return new CollectionIndex(
                items,
                listingPermits,
                maxBytes.toBytes(),
                (long) (maxBytes.toBytes() * groupShare),
                builds,
                checkInterval,
                maxAge,
                Ticker.systemTicker());
    }

    @Bean
    CachedReads cachedReads(ContentReader reader) {
        return new CachedReads(reader);
    }

    @Bean
    ReadModel readModel(
            @Value("${vivreal.read-model.ttl:1s}") Duration ttl,
            @Value("${vivreal.read-model.max-bytes:32MB}") DataSize maxBytes) {
        Executor refreshes = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-refresh");
            thread.setDaemon(true);
            return thread;
        });
        return new ReadModel(ttl, maxBytes.toBytes(), Ticker.systemTicker(), refreshes);
    }

    /**
     * A content write on this instance shows on the next request, not when the entry expires. The
     * index hears of it first, so an answer rendered right after the eviction reads the write.
     */
    @Bean
    ApplicationListener<PayloadApplicationEvent<ContentChangedEvent>> evictChangedContent(
            ReadModel readModel, ObjectProvider<CollectionIndex> index) {
        return ApplicationListener.forPayload(event -> {
            index.ifAvailable(available -> available.contentChanged(event.groupID()));
            readModel.evictGroup(event.groupID());
        });
    }

    /** Unknown {@code /tenant} routes, wrong methods and media types in the envelope too. */
    @Bean
    TenantRouteErrors tenantRouteErrors() {
        return new TenantRouteErrors();
    }

    @Bean
    Submissions submissions(
            ContentTypeRepository types,
            GroupRepository groups,
            ItemService items,
            RateLimiter limiter,
            Subscriptions subscriptions) {
        return new Submissions(types, groups, items, limiter, subscriptions);
    }

    /**
     * The Client API has its own authorizer and no sessions, cookies or browser clients, so Spring
     * Security's filter chain adds nothing there but per-request cost: {@code /tenant/**} bypasses
     * it and runs the authorizer as a plain servlet filter, right after the body-size limit.
     */
    @Bean
    WebSecurityCustomizer clientApiBypassesSpringSecurity() {
        return web -> web.ignoring().requestMatchers("/tenant/**");
    }

    @Bean
    FilterRegistrationBean<AuthorizerFilter> authorizerFilter(
            KeyVerifier authorizer, ApiKeyUsageTracker usage, ApiMeter meter, ObjectProvider<AnswerTimings> timings) {
        FilterRegistrationBean<AuthorizerFilter> registration = new FilterRegistrationBean<>(
                new AuthorizerFilter(authorizer, usage, meter, timings.getIfAvailable(() -> AnswerTimings.NONE)));
        registration.addUrlPatterns("/tenant/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Cached GETs answered straight after the authorizer, without Spring MVC (see {@link
     * LeanPathFilter}); {@code vivreal.lean-path=false} sends every request through the controllers.
     */
    @Bean
    FilterRegistrationBean<LeanPathFilter> leanPathFilter(
            CachedReads reads,
            ReadModel readModel,
            ObjectProvider<AnswerTimings> timings,
            @Value("${vivreal.lean-path:true}") boolean enabled) {
        FilterRegistrationBean<LeanPathFilter> registration = new FilterRegistrationBean<>(
                new LeanPathFilter(reads, readModel, timings.getIfAvailable(() -> AnswerTimings.NONE), enabled));
        registration.addUrlPatterns("/tenant/*");
        registration.setOrder(LeanPathFilter.ORDER);
        return registration;
    }

    @Bean
    WebMvcConfigurer tenantContextResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new TenantArgumentResolver());
            }
        };
    }
}
