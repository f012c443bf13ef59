package io.vivreal.clientapi.authorizer;

import io.vivreal.authorizer.AuthorizerAnswer;
import io.vivreal.authorizer.KeyVerification;
import io.vivreal.authorizer.KeyVerifier;
import io.vivreal.authorizer.Tenant;
import io.vivreal.core.apikey.ApiKeyUsageTracker;
import io.vivreal.core.metering.ApiMeter;
import io.vivreal.core.web.RequestLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

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
 */
public final class AuthorizerFilter extends OncePerRequestFilter {

    /** The request attribute holding the verified {@link Tenant}; set only on Allow. */
    public static final String TENANT_ATTRIBUTE = Tenant.class.getName();

    private final KeyVerifier authorizer;
    private final ApiKeyUsageTracker usage;
    private final ApiMeter meter;

    public AuthorizerFilter(KeyVerifier authorizer, ApiKeyUsageTracker usage, ApiMeter meter) {
        this.authorizer = authorizer;
        this.usage = usage;
        this.meter = meter;
    }

    /** The tenant this filter verified for the request; null when it did not allow the request. */
    public static Tenant tenant(ServletRequest request) {
        return request.getAttribute(TENANT_ATTRIBUTE) instanceof Tenant tenant ? tenant : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        KeyVerification verification = authorizer.verify(header);
        AuthorizerAnswer answer = AuthorizerAnswer.of(verification);
        if (!answer.admits()) {
            reject(response, answer);
            return;
        }
        Tenant tenant = verification.tenant();
        usage.recordUse(tenant.groupID(), verification.keyHash());
        RequestLog.group(tenant.groupID());
        RequestLog.keyPrefix(header);
        request.setAttribute(TENANT_ATTRIBUTE, tenant);
        response.setHeader("X-Content-Type-Options", "nosniff");
        CountingResponse counted = new CountingResponse(response);
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
