package io.vivreal.app.web;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.mongodb.event.CommandEvent;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.observation.ObservationRegistry;
import io.vivreal.authorizer.ApiKeyAuthorizer;
import io.vivreal.authorizer.KeyVerification;
import io.vivreal.clientapi.content.LeanPathFilter;
import io.vivreal.clientapi.web.AnswerTimings;
import io.vivreal.clientapi.web.ReadModel;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.delivery.AttemptCounts;
import io.vivreal.distribution.delivery.DeliveryEngine;
import io.vivreal.distribution.delivery.DeliveryStatus;
import io.vivreal.identity.login.LoginService;
import io.vivreal.identity.login.PasswordHashing;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * What {@code /actuator/prometheus} shows besides the JVM and HTTP metrics Spring Boot records
 * (HTTP by route template, never by path, so no id is a label): authorizer decisions and its
 * cache, read-model hits, the delivery backlog, sign-ins, the hashing queue and store command
 * latency. No label carries a group, a key, a user or an address. The counters live in the
 * components as plain adders; these binders only read them at scrape time.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** The Client API's answers written ahead of the HTTP observation, in its timer (see {@link HttpServerRequestTimings}). */
    @Bean
    AnswerTimings clientApiAnswerTimings(MeterRegistry registry) {
        return new HttpServerRequestTimings(registry);
    }

    /**
     * Spring Boot's HTTP observation ({@code http.server.requests}) for every route but the Client
     * API's, in Boot's place ({@code HIGHEST_PRECEDENCE + 1}). The Client API's requests are
     * observed by {@link #clientApiObservation} instead, after its authorizer and lean path.
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> httpObservation(
            ObservationRegistry registry, ObjectProvider<ServerRequestObservationConvention> convention) {
        FilterRegistrationBean<ServerHttpObservationFilter> registration =
                new FilterRegistrationBean<>(new OutsideClientApi(registry, convention(convention)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    /**
     * The same observation for {@code /tenant/**}, after the authorizer and the lean path: a full
     * {@code Observation} per request was the largest single stage of a lean answer (docs/BENCHMARKS.md,
     * issue 13 item 1), so the answers those two write are timed into the same timer by {@link
     * AnswerTimings}, and only requests that go on to Spring MVC are observed here.
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> clientApiObservation(
            ObservationRegistry registry, ObjectProvider<ServerRequestObservationConvention> convention) {
        FilterRegistrationBean<ServerHttpObservationFilter> registration =
                new FilterRegistrationBean<>(new ServerHttpObservationFilter(registry, convention(convention)));
        registration.addUrlPatterns("/tenant/*");
        registration.setOrder(LeanPathFilter.ORDER + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    private static ServerRequestObservationConvention convention(
            ObjectProvider<ServerRequestObservationConvention> convention) {
        return convention.getIfAvailable(DefaultServerRequestObservationConvention::new);
    }

    /** Boot's observation filter for every path the {@code /tenant/*} filter mapping does not cover. */
    static final class OutsideClientApi extends ServerHttpObservationFilter {

        OutsideClientApi(ObservationRegistry registry, ServerRequestObservationConvention convention) {
            super(registry, convention);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String path = request.getServletPath();
            return path.equals("/tenant") || path.startsWith("/tenant/");
        }
    }

    /** Store command latency by command name and outcome — not by database or collection, which name tenants. */
    @Bean
    CommandListener storeCommandMetrics(MeterRegistry registry) {
        return new MongoMetricsCommandListener(registry, MetricsConfiguration::commandTags);
    }

    private static Tags commandTags(CommandEvent event) {
        return Tags.of(
                "command",
                event.getCommandName(),
                "status",
                event instanceof CommandFailedEvent ? "FAILED" : "SUCCESS");
    }

    @Bean
    MeterBinder authorizerMetrics(ObjectProvider<ApiKeyAuthorizer> authorizer) {
        return registry -> authorizer.ifAvailable(a -> {
            for (KeyVerification.Status status : KeyVerification.Status.values()) {
                FunctionCounter.builder("vivreal.authorizer.decisions", a, x -> x.outcomes(status))
                        .description("API key checks by outcome")
                        .tag("outcome", status.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
            cacheCounters(registry, "vivreal.authorizer.cache", a::cacheStats);
        });
    }

    @Bean
    MeterBinder readModelMetrics(ObjectProvider<ReadModel> readModel) {
        return registry -> readModel.ifAvailable(model -> cacheCounters(registry, "vivreal.read.model", model::stats));
    }

    private static void cacheCounters(MeterRegistry registry, String name, Supplier<CacheStats> stats) {
        FunctionCounter.builder(name + ".requests", stats, s -> s.get().hitCount())
                .tag("result", "hit")
                .register(registry);
        FunctionCounter.builder(name + ".requests", stats, s -> s.get().missCount())
                .tag("result", "miss")
                .register(registry);
    }

    @Bean
    MeterBinder signInMetrics(ObjectProvider<LoginService> logins, ObjectProvider<PasswordHashing> hashing) {
        return registry -> {
            logins.ifAvailable(service -> {
                for (LoginService.Outcome outcome : LoginService.Outcome.values()) {
                    FunctionCounter.builder("vivreal.signin.attempts", service, s -> s.signIns(outcome))
                            .description("password sign-ins by outcome")
                            .tag("outcome", outcome.wire())
                            .register(registry);
                }
            });
            hashing.ifAvailable(pool -> Gauge.builder("vivreal.signin.hashing.queued", pool, PasswordHashing::queued)
                    .description("sign-ins waiting for a password-hashing thread")
                    .register(registry));
        };
    }

    /**
     * Delivery attempts by channel type and outcome, and the backlog across every instance, read
     * from the store at most every 10 s however often Prometheus scrapes.
     */
    @Bean
    MeterBinder deliveryMetrics(ObjectProvider<DeliveryEngine> engine, ObjectProvider<AttemptCounts> attempts) {
        return registry -> {
            attempts.ifAvailable(counts -> {
                for (ChannelType type : ChannelType.values()) {
                    for (DeliveryStatus outcome : DeliveryStatus.values()) {
                        FunctionCounter.builder("vivreal.delivery.attempts", counts, c -> c.count(type, outcome))
                                .description("delivery attempts by channel type and what they decided")
                                .tag("channel_type", type.wireName())
                                .tag("outcome", outcome.wire())
                                .register(registry);
                    }
                }
            });
            engine.ifAvailable(e -> {
                Sampled<DeliveryEngine.Backlog> backlog = new Sampled<>(e::backlog, Duration.ofSeconds(10));
                gauge(registry, "vivreal.delivery.backlog.channels", backlog, b -> b.dueChannels());
                gauge(
                        registry,
                        "vivreal.delivery.backlog.oldest.seconds",
                        backlog,
                        b -> b.oldestDue().toMillis() / 1000.0);
            });
        };
    }

    private static <T> void gauge(MeterRegistry registry, String name, Sampled<T> sampled, ToDoubleFunction<T> value) {
        Gauge.builder(name, sampled, s -> s.get().map(value::applyAsDouble).orElse(Double.NaN))
                .register(registry);
    }

    /** A value read at most once per interval; a failed read shows as no value. */
    static final class Sampled<T> {
        private final Supplier<T> read;
        private final long intervalNanos;
        private final AtomicReference<Object[]> last = new AtomicReference<>();

        Sampled(Supplier<T> read, Duration interval) {
            this.read = read;
            this.intervalNanos = interval.toNanos();
        }

        @SuppressWarnings("unchecked")
        synchronized java.util.Optional<T> get() {
            Object[] cached = last.get();
            long now = System.nanoTime();
            if (cached == null || now - (long) cached[0] > intervalNanos) {
                try {
                    cached = new Object[] {now, read.get()};
                } catch (RuntimeException storeDown) {
                    cached = new Object[] {now, null};
                }
                last.set(cached);
            }
            return java.util.Optional.ofNullable((T) cached[1]);
        }
    }

    /** {@code /actuator/prometheus} needs {@code Authorization: Bearer <VIVREAL_METRICS_TOKEN>}; unset, it is off (404). */
    @Bean
    FilterRegistrationBean<MetricsTokenFilter> metricsToken(@Value("${vivreal.metrics-token:}") String token) {
        FilterRegistrationBean<MetricsTokenFilter> registration =
                new FilterRegistrationBean<>(new MetricsTokenFilter(token));
        registration.addUrlPatterns(MetricsTokenFilter.PATH, MetricsTokenFilter.PATH + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
