package io.vivreal.core.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id and every log line written while it runs the request's context: the
 * id ({@code X-Request-Id} taken when it is a sane token from a proxy, otherwise made here, and
 * echoed in the answer), the group once a verified context names it, and the API key's public
 * prefix — never the key. One access line per request ({@code vivreal.access}: method, path
 * without the query, status, milliseconds); the query is left out because links such as e-mail
 * verification carry tokens there.
 *
 * <p>The access line is written off the request thread ({@link AccessLogAppender}). This is a
 * plain {@link HttpFilter}, not a {@code OncePerRequestFilter}: it is registered for {@code
 * REQUEST} dispatches only, so it runs once per request without the "already filtered" request
 * attribute that class sets and removes on every request.
 */
public final class RequestLog extends HttpFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String REQUEST_ID = "requestId";
    public static final String GROUP_ID = "groupId";
    public static final String KEY_PREFIX = "keyPrefix";

    /** How many characters of an API key are public: {@code vr_} and four of the random part. */
    static final int KEY_PREFIX_LENGTH = 7;

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");
    private static final Logger access = LoggerFactory.getLogger(AccessLogAppender.LOGGER);

    /** Tags the current request's log lines with the group a verified context names. */
    public static void group(String groupId) {
        MDC.put(GROUP_ID, groupId);
    }

    /** Tags the current request's log lines with the public prefix of the key that authorized it. */
    public static void keyPrefix(String apiKey) {
        if (apiKey != null && apiKey.length() > KEY_PREFIX_LENGTH) {
            MDC.put(KEY_PREFIX, apiKey.substring(0, KEY_PREFIX_LENGTH));
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = requestId(request.getHeader(HEADER));
        MDC.put(REQUEST_ID, id);
        response.setHeader(HEADER, id);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (access.isInfoEnabled()) {
                access.info(
                        "{} {} {} {}ms",
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            MDC.remove(REQUEST_ID);
            MDC.remove(GROUP_ID);
            MDC.remove(KEY_PREFIX);
        }
    }

    /**
     * The offered id when it is sane, otherwise a new random one. A request id correlates log
     * lines; it is no secret (a proxy may set it), so it comes from {@link ThreadLocalRandom}:
     * {@code SecureRandom}'s native generator takes a global lock on every call, which JFR showed
     * on the Client API's hot path (docs/BENCHMARKS.md, issue 13 item 1).
     */
    static String requestId(String offered) {
        if (offered != null && SANE.matcher(offered).matches()) {
            return offered;
        }
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
