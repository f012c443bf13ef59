package io.vivreal.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vivreal.core.ratelimit.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryPermitsTests {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void oneGroupsBurstHoldsOnlyItsShareAndAnotherGroupStillRuns() throws Exception {
        QueryPermits permits = new QueryPermits(2, 1, Duration.ofSeconds(5));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstRunning = new CountDownLatch(1);
        AtomicInteger runningForA = new AtomicInteger();
        AtomicInteger mostForA = new AtomicInteger();
        for (int i = 0; i < 6; i++) {
            pool.submit(() -> permits.run("group-a", () -> {
                mostForA.accumulateAndGet(runningForA.incrementAndGet(), Math::max);
                firstRunning.countDown();
                await(release);
                runningForA.decrementAndGet();
                return null;
            }));
        }
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();

        Future<String> b = pool.submit(() -> permits.run("group-b", () -> "served"));

        assertThat(b.get(2, TimeUnit.SECONDS)).isEqualTo("served");
        assertThat(mostForA.get()).isEqualTo(1);
        release.countDown();
    }

    @Test
    void aRequestThatCannotGetASlotInTimeIsRefusedWithRetryAfter() throws Exception {
        QueryPermits permits = new QueryPermits(1, 1, Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        pool.submit(() -> permits.run("group-a", () -> {
            running.countDown();
            await(release);
            return null;
        }));
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> permits.run("group-a", () -> "never"))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        release.countDown();
    }

    @Test
    void slotsAreGivenBackWhenTheWorkFailsAndIdleGroupsAreForgotten() {
        QueryPermits permits = new QueryPermits(1, 1, Duration.ofMillis(100));

        assertThatThrownBy(() -> permits.run("group-a", () -> {
                    throw new IllegalStateException("store down");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(permits.run("group-a", () -> "again")).isEqualTo("again");
        assertThat(permits.activeGroups()).isZero();
    }

    @Test
    void aPerGroupShareAboveTheTotalIsRefused() {
        assertThatThrownBy(() -> new QueryPermits(2, 3, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
