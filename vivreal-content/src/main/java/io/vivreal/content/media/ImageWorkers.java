package io.vivreal.content.media;

import io.vivreal.core.domain.DomainException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool images are decoded on. Decoding is the one step of an upload whose memory
 * grows with what the uploader sends, so only {@code workers} images are decoded at once (each
 * within {@link ImageDerivatives#DECODE_BUDGET_PIXELS}), at most {@code queue} more wait, and one
 * group may have at most {@link #PER_GROUP} images in the pool: a group uploading a gallery cannot
 * starve another group's upload, and too many at once is a 429 to retry, never a growing heap.
 */
public final class ImageWorkers implements AutoCloseable {

    static final int PER_GROUP = 2;
    private static final long WAIT_SECONDS = 120;

    private final ThreadPoolExecutor pool;
    private final ConcurrentHashMap<String, Integer> perGroup = new ConcurrentHashMap<>();

    public ImageWorkers(int workers, int queue) {
        if (workers < 1 || workers > 16 || queue < 0 || queue > 1000) {
            throw new IllegalArgumentException("vivreal.media.image-workers must be 1 to 16");
        }
        ClassLoader loader = ImageWorkers.class.getClassLoader();
        AtomicInteger number = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                workers,
                workers,
                60,
                TimeUnit.SECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                task -> {
                    Thread thread = new Thread(task, "media-images-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setContextClassLoader(loader);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code work} for the group on the pool and waits for it; 429 when the pool is full. */
    public <T> T run(String groupId, Callable<T> work) throws Exception {
        if (!enter(groupId)) {
            throw busy();
        }
        try {
            Future<T> result;
            try {
                result = pool.submit(work);
            } catch (RejectedExecutionException e) {
                throw busy();
            }
            try {
                return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                result.cancel(true);
                throw new DomainException(
                        DomainException.Kind.INVALID, "image_too_slow", "the image took too long to process", "file");
            } catch (InterruptedException e) {
                result.cancel(true);
                Thread.currentThread().interrupt();
                throw e;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        } finally {
            leave(groupId);
        }
    }

    /** Images of all groups running or waiting. */
    int inFlight() {
        return perGroup.values().stream().mapToInt(Integer::intValue).sum();
    }

    int queued() {
        return pool.getQueue().size();
    }

    private boolean enter(String groupId) {
        boolean[] entered = {false};
        perGroup.compute(groupId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= PER_GROUP) {
                return current;
            }
            entered[0] = true;
            return current + 1;
        });
        return entered[0];
    }

    private void leave(String groupId) {
        perGroup.computeIfPresent(groupId, (id, count) -> count <= 1 ? null : count - 1);
    }

    private static DomainException busy() {
        return new DomainException(
                DomainException.Kind.RATE_LIMITED,
                "images_busy",
                "the server is processing other images; try this upload again in a moment",
                "file");
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
