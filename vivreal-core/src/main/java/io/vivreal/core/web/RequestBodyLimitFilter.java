package io.vivreal.core.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every request body (1 MB by default). A declared {@code Content-Length} over the cap is
 * refused before anything reads it; a chunked body is counted as it is read and fails with {@link
 * PayloadTooLargeException}, which the error handlers answer with 413.
 *
 * <p>A few routes (file uploads) may take more: each {@link PathLimit} names a method and a pattern
 * that must match the raw request URI exactly — not decoded, not normalised — so only the
 * canonical spelling of that route gets the higher cap and every other request keeps the default.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

    public static final long DEFAULT_LIMIT = 1024 * 1024;

    private final long defaultLimit;
    private final List<PathLimit> pathLimits;

    /** A larger (or smaller) cap for requests with this method whose raw URI matches {@code path}. */
    public record PathLimit(String method, Pattern path, long limit) {}

    public RequestBodyLimitFilter(long limit) {
        this(limit, List.of());
    }

    public RequestBodyLimitFilter(long defaultLimit, List<PathLimit> pathLimits) {
        this.defaultLimit = defaultLimit;
        this.pathLimits = List.copyOf(pathLimits);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            ErrorResponses.write(response, 413, tooLarge(request, limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    long limitFor(HttpServletRequest request) {
        String uri = request.getRequestURI();
        for (PathLimit pathLimit : pathLimits) {
            if (pathLimit.method().equals(request.getMethod())
                    && uri != null
                    && pathLimit.path().matcher(uri).matches()) {
                return pathLimit.limit();
            }
        }
        return defaultLimit;
    }

    private static Object tooLarge(HttpServletRequest request, long limit) {
        String message = "request body is larger than " + limit + " bytes";
        if (request.getRequestURI().startsWith("/tenant/")) {
            return new ClientEnvelope(false, null, "PayloadTooLarge");
        }
        return ApiError.of("too_large", message);
    }

    /** The Client API's envelope, for the one error this filter answers on its routes. */
    record ClientEnvelope(boolean success, Object data, String error) {}

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        LimitedStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws PayloadTooLargeException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
