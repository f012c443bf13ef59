package io.vivreal.clientapi.content;

import io.vivreal.authorizer.Tenant;
import io.vivreal.clientapi.authorizer.AuthorizerFilter;
import io.vivreal.clientapi.web.AnswerTimings;
import io.vivreal.clientapi.web.ClientApiResponses;
import io.vivreal.clientapi.web.ClientApiResponses.Rendered;
import io.vivreal.clientapi.web.ReadModel;
import io.vivreal.core.domain.DomainException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;

/**
 * The lean serving path of the Client API's cached GETs. Runs right after the authorizer filter
 * (which has verified the key, put the {@link Tenant} in the request, set {@code
 * X-Content-Type-Options} and wrapped the response for metering) and, when the read model already
 * holds the answer, writes its bytes at once — no {@code DispatcherServlet}, handler lookup,
 * argument resolution or message conversion, which is where a warm request's time went.
 *
 * <p>It answers only what it can answer exactly as the controllers would: a {@code GET} of a route
 * in {@link CachedReads}, spelled exactly, whose query validates, whose answer is cached, with no
 * {@code Accept} header or one that plainly takes JSON. Everything else — an invalid query (whose
 * 400 names the field), a cache miss (which renders and fills the cache), other routes, methods
 * and {@code Accept} values — goes on to Spring MVC unchanged, so every error answer is the one
 * the controllers give. Both paths decide the answer with {@link ClientApiResponses#answer}.
 * {@code vivreal.lean-path=false} ({@code VIVREAL_LEAN_PATH=false}) turns it off.
 *
 * <p>It runs ahead of Spring's HTTP observation (which observes only what goes on to Spring MVC),
 * so it times its answers into {@link AnswerTimings} itself — the same {@code
 * http.server.requests} timer and tags, without an {@code Observation} per request.
 */
public final class LeanPathFilter extends HttpFilter {

    /** The request attribute the authorizer filter puts the verified tenant in. */
    static final String TENANT_ATTRIBUTE = AuthorizerFilter.TENANT_ATTRIBUTE;

    /**
     * The filter order: right after the authorizer ({@code HIGHEST_PRECEDENCE + 10}); the HTTP
     * observation of the requests it passes on comes after it.
     */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 11;

    private final CachedReads reads;
    private final ReadModel readModel;
    private final AnswerTimings timings;
    private final LongAdder served = new LongAdder();
    private volatile boolean enabled;

    public LeanPathFilter(CachedReads reads, ReadModel readModel, AnswerTimings timings, boolean enabled) {
        this.reads = reads;
        this.readModel = readModel;
        this.timings = timings;
        this.enabled = enabled;
    }

    /** Turns the lean path on or off while running (the parity test compares both paths this way). */
    public void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** How many answers the lean path wrote; for metrics and for tests that must know it ran. */
    public long served() {
        return served.sum();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!enabled || !serve(request, response)) {
            chain.doFilter(request, response);
        }
    }

    private boolean serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())
                || !request.getContextPath().isEmpty()
                || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT))
                || !(request.getAttribute(TENANT_ATTRIBUTE) instanceof Tenant tenant)) {
            return false;
        }
        String path = request.getRequestURI();
        Map<String, String[]> parameters = request.getParameterMap();
        CachedReads.Read read;
        try {
            read = reads.forPath(path, tenant, parameters);
        } catch (DomainException invalid) {
            return false;
        }
        if (read == null) {
            return false;
        }
        Rendered rendered = readModel.peek(tenant.groupID(), read.route(), parameters, read.render());
        if (rendered == null) {
            return false;
        }
        ClientApiResponses.Answer answer = ClientApiResponses.answer(
                rendered,
                request.getHeader(HttpHeaders.IF_NONE_MATCH),
                request.getHeader(HttpHeaders.ACCEPT_ENCODING),
                ClientApiResponses.PUBLIC_CACHE);
        ClientApiResponses.write(response, answer);
        served.increment();
        // the path is one of CachedReads' routes, spelled exactly: it is the route template
        timings.record("GET", path, answer.status(), AuthorizerFilter.startNanos(response));
        return true;
    }

    /**
     * Whether an {@code Accept} header certainly takes the JSON answer. Only the common spellings
     * are recognised; anything subtler (weights, lists without JSON) is left to Spring MVC's
     * content negotiation, which answers 406 where it must.
     */
    static boolean acceptsJson(String accept) {
        return accept == null
                || accept.equals("*/*")
                || accept.equals("application/json")
                || accept.equals("application/json, text/plain, */*");
    }
}
