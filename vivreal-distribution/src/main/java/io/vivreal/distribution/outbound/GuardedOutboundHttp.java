package io.vivreal.distribution.outbound;

import io.vivreal.core.domain.DomainException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link OutboundHttp} on Apache HttpClient 5, whose name resolution is the {@link OutboundGuard}
 * itself: the client connects only to addresses the guard resolved and approved for that very
 * connection, so DNS rebinding between the check and the connection has nothing to rebind. TLS
 * still verifies the certificate against the URL's host name.
 *
 * <p>The 15 s limit covers the whole exchange: a timer cancels the request at its deadline, so an
 * answer that drips a byte a second is cut like one that never comes; at most {@link #MAX_ANSWER}
 * bytes are read, and a request cut short discards its connection instead of reading the rest.
 */
public final class GuardedOutboundHttp implements OutboundHttp, AutoCloseable {

    public static final Duration CONNECT = Duration.ofSeconds(5);
    public static final Duration TOTAL = Duration.ofSeconds(15);
    public static final int MAX_ANSWER = 64 * 1024;
    static final int EXCERPT = 2048;
    static final String USER_AGENT = "Vivreal-Channels/1";

    private final OutboundGuard guard;
    private final Clock clock;
    private final Duration total;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    public GuardedOutboundHttp(OutboundGuard guard, Clock clock) {
        this(guard, clock, CONNECT, TOTAL);
    }

    GuardedOutboundHttp(OutboundGuard guard, Clock clock, Duration connect, Duration total) {
        this.guard = guard;
        this.clock = clock;
        this.total = total;
        DnsResolver approved = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return guard.approvedAddresses(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(approved)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connect))
                        .setSocketTimeout(Timeout.of(total))
                        .build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(8)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(total))
                        .build())
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbound-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public OutboundResponse send(OutboundRequest request) {
        return send(request, MAX_ANSWER);
    }

    @Override
    public OutboundResponse send(OutboundRequest request, int maxAnswer) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        URI uri;
        try {
            uri = guard.check(request.url(), request.field());
        } catch (DomainException e) {
            return failed("refused_by_guard", startedAt, start);
        }
        HttpUriRequestBase post = switch (request.method()) {
            case "GET" -> new HttpGet(uri);
            case "PUT" -> new HttpPut(uri);
            default -> new HttpPost(uri);
        };
        request.headers().forEach(post::setHeader);
        if (request.body() != null) {
            post.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
        }
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, total.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, post, null);
            try {
                byte[] answer = readCapped(response.getEntity(), post, maxAnswer);
                return new OutboundResponse(
                        response.getCode(),
                        null,
                        startedAt,
                        millisSince(start),
                        Redaction.excerpt(new String(answer, StandardCharsets.UTF_8), EXCERPT, request.secrets()),
                        retryAfter(response.getFirstHeader("Retry-After")),
                        headers(response),
                        answer);
            } finally {
                response.close();
            }
        } catch (IOException | RuntimeException e) {
            return failed(
                    post.isCancelled() && !(e instanceof OutboundGuard.RefusedAddressException)
                            ? "timeout"
                            : errorClass(e),
                    startedAt,
                    start);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * At most {@link #MAX_ANSWER} bytes of the answer. When there is more, the request is
     * cancelled before the stream is closed: closing first would read the rest to reuse the
     * connection, which is exactly what a flooding receiver wants.
     */
    /** The answer's headers by lower-case name, first value each; cookies are never kept. */
    private static Map<String, String> headers(ClassicHttpResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (!name.equals("set-cookie") && header.getValue() != null) {
                headers.putIfAbsent(name, header.getValue());
            }
        }
        return headers;
    }

    private static byte[] readCapped(HttpEntity entity, HttpUriRequestBase post, int max) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InputStream in = entity.getContent();
        byte[] buffer = new byte[8192];
        boolean ended = false;
        while (bytes.size() < max) {
            int read = in.read(buffer, 0, Math.min(buffer.length, max - bytes.size()));
            if (read < 0) {
                ended = true;
                break;
            }
            bytes.write(buffer, 0, read);
        }
        if (!ended) {
            post.cancel();
        }
        try {
            in.close();
        } catch (IOException discarded) {
            // the connection was cut on purpose
        }
        return bytes.toByteArray();
    }

    private static String errorClass(Exception e) {
        if (e instanceof OutboundGuard.RefusedAddressException) {
            return "refused_by_guard";
        }
        if (e instanceof ConnectTimeoutException) {
            return "connect_timeout";
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "timeout";
        }
        if (e instanceof ConnectException) {
            return "connection_refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown_host";
        }
        return "connection_failed";
    }

    private OutboundResponse failed(String error, Instant startedAt, long start) {
        return new OutboundResponse(null, error, startedAt, millisSince(start), null, Optional.empty());
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** {@code Retry-After} as seconds or an HTTP date; absent when missing or unreadable. */
    private Optional<Duration> retryAfter(Header header) {
        if (header == null || header.getValue() == null) {
            return Optional.empty();
        }
        String value = header.getValue().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
