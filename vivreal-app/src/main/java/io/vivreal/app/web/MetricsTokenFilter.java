package io.vivreal.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The scrape endpoint answers only a caller holding the metrics token, compared in constant time.
 * Without a configured token the endpoint does not exist (404), so a deployment that never set one
 * exposes nothing. A token shorter than 32 characters is refused at start-up.
 */
final class MetricsTokenFilter extends OncePerRequestFilter {

    static final String PATH = "/actuator/prometheus";
    static final int MIN_LENGTH = 32;

    private final byte[] expected;

    MetricsTokenFilter(String token) {
        String value = token == null ? "" : token.strip();
        if (!value.isEmpty() && value.length() < MIN_LENGTH) {
            throw new IllegalStateException(
                    "VIVREAL_METRICS_TOKEN must be at least " + MIN_LENGTH + " characters (e.g. openssl rand -hex 32)");
        }
        this.expected = value.isEmpty() ? null : ("Bearer " + value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (expected == null) {
            answer(response, 404, "not_found");
            return;
        }
        String given = request.getHeader("Authorization");
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            response.setHeader("WWW-Authenticate", "Bearer");
            answer(response, 401, "unauthorized");
            return;
        }
        request.setAttribute(PATH, Boolean.TRUE);
        chain.doFilter(request, response);
    }

    private static void answer(HttpServletResponse response, int status, String error) throws IOException {
        byte[] body = ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(body);
    }
}
