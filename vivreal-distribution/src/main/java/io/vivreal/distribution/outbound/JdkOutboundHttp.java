package io.vivreal.distribution.outbound;

import io.vivreal.core.domain.DomainException;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link OutboundHttp} on the JDK's HTTP client. The 15 s limit covers the whole exchange — the
 * request's own timeout only covers the wait for headers, so the body is read by a subscriber
 * that stops at {@link #MAX_ANSWER} bytes and the exchange is cancelled when the deadline passes.
 */
public final class JdkOutboundHttp implements OutboundHttp {

    public static final Duration CONNECT = Duration.ofSeconds(5);
    public static final Duration TOTAL = Duration.ofSeconds(15);
    public static final int MAX_ANSWER = 64 * 1024;
    static final int EXCERPT = 2048;
    static final String USER_AGENT = "Vivreal-Channels/1";

    private final OutboundGuard guard;
    private final Clock clock;
    private final HttpClient client;
    private final Duration total;

    public JdkOutboundHttp(OutboundGuard guard, Clock clock) {
        this(guard, clock, CONNECT, TOTAL);
    }

    JdkOutboundHttp(OutboundGuard guard, Clock clock, Duration connect, Duration total) {
        this.guard = guard;
        this.clock = clock;
        this.total = total;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connect)
                .build();
    }

    @Override
    public OutboundResponse send(OutboundRequest request) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        URI uri;
        try {
            uri = guard.check(request.url(), request.field());
        } catch (DomainException e) {
            return failed("refused_by_guard", startedAt, start);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(total)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(builder.build(), info -> new CappedBody(MAX_ANSWER));
        try {
            HttpResponse<byte[]> response = exchange.get(total.toMillis(), TimeUnit.MILLISECONDS);
            String text = new String(response.body(), StandardCharsets.UTF_8);
            return new OutboundResponse(
                    response.statusCode(),
                    null,
                    startedAt,
                    millisSince(start),
                    Redaction.excerpt(text, EXCERPT, request.secrets()),
                    retryAfter(response));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failed("timeout", startedAt, start);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return failed("interrupted", startedAt, start);
        } catch (ExecutionException | CancellationException e) {
            return failed(errorClass(e.getCause()), startedAt, start);
        }
    }

    private static String errorClass(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect_timeout";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "connection_refused";
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
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }

    /** Collects at most {@code cap} bytes, then cancels the rest of the answer. */
    static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int cap;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), cap - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= cap) {
                result.complete(bytes.toByteArray());
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
