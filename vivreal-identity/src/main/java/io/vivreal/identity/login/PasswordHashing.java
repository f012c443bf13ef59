package io.vivreal.identity.login;

import io.vivreal.core.ratelimit.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The only threads that hash passwords. Argon2id costs ~90 ms of CPU per hash by design, so a flood
 * of sign-ins run on request threads would take every one of them and starve the Client API. Here a
 * fixed number of threads hash, a bounded queue waits, and work beyond it is refused at once with
 * 429; request threads are released while a hash runs (the routes answer asynchronously).
 */
public final class PasswordHashing implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    public PasswordHashing(int threads, int queue) {
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, "password-hashing-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    // A hint only: where the OS honours it, hashing yields to request threads.
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code work} on a hashing thread. The future completes with its result or with the
     * exception it threw (not wrapped); a full queue completes it with a 429 {@link
     * RateLimitedException} without running anything.
     */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new RateLimitedException(
                    "too many sign-ins are in progress; try again shortly", Duration.ofSeconds(2)));
        }
        return result;
    }

    /** Hashings waiting for a thread, for metrics. */
    public int queued() {
        return pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
