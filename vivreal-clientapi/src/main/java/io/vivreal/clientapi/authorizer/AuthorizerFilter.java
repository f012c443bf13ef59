package io.vivreal.clientapi.authorizer;

import io.vivreal.core.apikey.ApiKeyUsageTracker;
import io.vivreal.core.metering.ApiMeter;
import io.vivreal.core.web.RequestLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs the authorizer in front of every {@code /tenant/**} route, the way API Gateway runs the
 * Lambda authorizer in front of the integration, and turns its decision into an answer:
 *
 * <ul>
 *   <li>no key → 401 {@code Unauthorized};
 *   <li>malformed, unknown or regenerated key → 403 {@code Forbidden}, the same answer for each, so
 *       a caller cannot tell a typo from a revoked key;
 *   <li>store unreachable → 503, never Allow;
 *   <li>Allow for a frozen group → 402 {@code GroupFrozen};
 *   <li>Allow → the request continues with a {@link TenantContext} built from the Allow context
 *       (read back through the same string-typed path API Gateway would use), and the call and
 *       the bytes of its answer are metered for the group ({@link ApiMeter}).
 * </ul>
 */
public final class AuthorizerFilter extends OncePerRequestFilter {

    static final String TENANT_ATTRIBUTE = TenantContext.class.getName();

    private static final byte[] UNAUTHORIZED = envelope("Unauthorized");
    private static final byte[] FORBIDDEN = envelope("Forbidden");
    private static final byte[] FROZEN = envelope("GroupFrozen");
    private static final byte[] UNAVAILABLE = envelope("ServiceUnavailable");

    private final TokenAuthorizer authorizer;
    private final ApiKeyUsageTracker usage;
    private final ApiMeter meter;

    public AuthorizerFilter(TokenAuthorizer authorizer, ApiKeyUsageTracker usage, ApiMeter meter) {
        this.authorizer = authorizer;
        this.usage = usage;
        this.meter = meter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AuthorizerDecision decision =
                authorizer.authorize(request.getHeader(HttpHeaders.AUTHORIZATION), methodArn(request));
        switch (decision.outcome()) {
            case UNAUTHORIZED -> reject(response, 401, UNAUTHORIZED);
            case DENY -> {
                if (decision.verification().status() == KeyVerification.Status.STORE_UNAVAILABLE) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                    reject(response, 503, UNAVAILABLE);
                } else {
                    reject(response, 403, FORBIDDEN);
                }
            }
            case ALLOW -> {
                AuthorizerContext context =
                        AuthorizerContext.fromApiGateway(decision.context().toApiGatewayForwarded());
                if (context.frozen()) {
                    reject(response, 402, FROZEN);
                    return;
                }
                usage.recordUse(context.groupID(), decision.verification().keyHash());
                RequestLog.group(context.groupID());
                RequestLog.keyPrefix(request.getHeader(HttpHeaders.AUTHORIZATION));
                request.setAttribute(TENANT_ATTRIBUTE, TenantContext.from(context));
                response.setHeader("X-Content-Type-Options", "nosniff");
                CountingResponse counted = new CountingResponse(response);
                try {
                    chain.doFilter(request, counted);
                } finally {
                    meter.record(context.groupID(), counted.bytes());
                }
            }
        }
    }

    private static String methodArn(HttpServletRequest request) {
        return "arn:aws:execute-api:local:vivreal:clientapi/live/" + request.getMethod() + request.getRequestURI();
    }

    private static void reject(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getOutputStream().write(body);
    }

    private static byte[] envelope(String error) {
        return ("{\"success\":false,\"data\":null,\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
