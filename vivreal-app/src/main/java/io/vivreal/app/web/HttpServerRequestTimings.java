package io.vivreal.app.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.vivreal.clientapi.web.AnswerTimings;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The Client API's answers written ahead of Spring's HTTP observation, recorded into the same
 * {@code http.server.requests} timer — same name, same tag keys and values ({@code error}, {@code
 * exception}, {@code method}, {@code outcome}, {@code status}, {@code uri}) — that the observation
 * would have registered, so dashboards and {@code /actuator/prometheus} see no difference. The
 * timers are looked up once per route and status and kept; routes come from code (route templates
 * or {@code UNKNOWN}), never from the request, so the set stays small.
 */
final class HttpServerRequestTimings implements AnswerTimings {

    static final String NAME = "http.server.requests";

    /** The methods named in the tag, as Spring's convention names them; any other is {@code UNKNOWN}. */
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final MeterRegistry registry;
    /** Per method tag, per route: the timers by status. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicReferenceArray<Timer>>> byMethod =
            new ConcurrentHashMap<>();

    HttpServerRequestTimings(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(String method, String route, int status, long startNanos) {
        long elapsed = System.nanoTime() - startNanos;
        String methodTag = METHODS.contains(method) ? method : "UNKNOWN";
        ConcurrentHashMap<String, AtomicReferenceArray<Timer>> byRoute =
                byMethod.computeIfAbsent(methodTag, m -> new ConcurrentHashMap<>());
        AtomicReferenceArray<Timer> timers = byRoute.get(route);
        if (timers == null) {
            timers = byRoute.computeIfAbsent(route, r -> new AtomicReferenceArray<>(600));
        }
        int slot = status >= 100 && status < 600 ? status : 0;
        Timer timer = timers.get(slot);
        if (timer == null) {
            timer = Timer.builder(NAME)
                    .tag("error", "none")
                    .tag("exception", "none")
                    .tag("method", methodTag)
                    .tag("outcome", Outcome.forStatus(status).name())
                    .tag("status", Integer.toString(status))
                    .tag("uri", route)
                    .register(registry);
            timers.set(slot, timer);
        }
        timer.record(elapsed, TimeUnit.NANOSECONDS);
    }
}
