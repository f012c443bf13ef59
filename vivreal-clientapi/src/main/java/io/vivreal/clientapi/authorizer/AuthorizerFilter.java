package io.vivreal.clientapi.authorizer;

import io.vivreal.authorizer.AuthorizerAnswer;
import io.vivreal.authorizer.KeyVerification;
import io.vivreal.authorizer.KeyVerifier;
import io.vivreal.authorizer.Tenant;
import io.vivreal.clientapi.web.AnswerTimings;
import io.vivreal.core.apikey.ApiKeyUsageTracker;
import io.vivreal.core.metering.ApiMeter;
import io.vivreal.core.web.RequestLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;

/**
 * Runs the authorizer in front of every {@code /tenant/**} route, the way API Gateway runs the
 * Lambda authorizer in front of the integration, and answers as {@link AuthorizerAnswer} says
 * (401 no key; 403 malformed, unknown or regenerated key, the same answer for each; 503 with
 * {@code Retry-After} when the store cannot answer, never Allow; 402 for a frozen group).
 *
 * <p>On Allow the key's {@link Tenant} — the value the authorizer built from the group's record —
 * becomes the request's tenant as it is: it is put in the request attribute {@link
 * #TENANT_ATTRIBUTE} (read with {@link #tenant}), handlers receive it as a parameter, and the call
 * and the bytes of its answer are metered for the group ({@link ApiMeter}).
 *
 * <p>It runs ahead of Spring's HTTP observation, so its refusals are timed into {@link
 * AnswerTimings}. A plain {@link HttpFilter}, not a {@code OncePerRequestFilter}: it is registered
 * for {@code REQUEST} dispatches only, so it runs once per request without the "already filtered"
 * request attribute that class sets and removes on every request.
 */
public final class AuthorizerFilter extends HttpFilter {

    /** The request attribute holding the verified {@link Tenant}; set only on Allow. */
    public static final String TENANT_ATTRIBUTE = Tenant.class.getName();

    private final KeyVerifier authorizer;
    private final ApiKeyUsageTracker usage;
    private final ApiMeter meter;
    private final AnswerTimings timings;

    public AuthorizerFilter(KeyVerifier authorizer, ApiKeyUsageTracker usage, ApiMeter meter, AnswerTimings timings) {
        this.authorizer = authorizer;
        this.usage = usage;
        this.meter = meter;
        this.timings = timings;
    }

    /** The tenant this filter verified for the request; null when it did not allow the request. */
    public static Tenant tenant(ServletRequest request) {
        return request.getAttribute(TENANT_ATTRIBUTE) instanceof Tenant tenant ? tenant : null;
    }

    /**
     * When the request reached this filter ({@link System#nanoTime()}), read from the response it
     * passed on; now when the response did not pass through it.
     */
    public static long startNanos(ServletResponse response) {
        return response instanceof CountingResponse counted ? counted.startNanos : System.nanoTime();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        KeyVerification verification = authorizer.verify(header);
        AuthorizerAnswer answer = AuthorizerAnswer.of(verification);
        if (!answer.admits()) {
            reject(response, answer);
            timings.record(request.getMethod(), AnswerTimings.UNKNOWN_ROUTE, answer.status(), start);
            return;
        }
        Tenant tenant = verification.tenant();
        usage.recordUse(tenant.groupID(), verification.keyHash());
        RequestLog.group(tenant.groupID());
        RequestLog.keyPrefix(header);
        request.setAttribute(TENANT_ATTRIBUTE, tenant);
        response.setHeader("X-Content-Type-Options", "nosniff");
        CountingResponse counted = new CountingResponse(response, start);
        try {
            chain.doFilter(request, counted);
        } finally {
            meter.record(tenant.groupID(), counted.bytes());
        }
    }

    private static void reject(HttpServletResponse response, AuthorizerAnswer answer) throws IOException {
        byte[] body = answer.body();
        response.setStatus(answer.status());
        if (answer == AuthorizerAnswer.SERVICE_UNAVAILABLE) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(AuthorizerAnswer.RETRY_AFTER_SECONDS));
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getOutputStream().write(body);
    }
}
