package io.vivreal.content.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vivreal.core.domain.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ImageWorkersTests {

    /** Starts {@code work} for the group on a caller thread of its own, as an upload request would. */
    private static CompletableFuture<String> upload(ImageWorkers workers, String group, CountDownLatch release) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return workers.run(group, () -> {
                    release.await(30, TimeUnit.SECONDS);
                    return group;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void awaitInFlight(ImageWorkers workers, int count) throws InterruptedException {
        for (int i = 0; i < 500 && workers.inFlight() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(workers.inFlight()).isEqualTo(count);
    }

    @Test
    void oneGroupHoldsAtMostTwoPlacesAndAnotherGroupStillGetsIn() throws Exception {
        try (ImageWorkers workers = new ImageWorkers(1, 4)) {
            CountDownLatch release = new CountDownLatch(1);
            List<CompletableFuture<String>> running = new ArrayList<>();
            running.add(upload(workers, "gallery", release));
            running.add(upload(workers, "gallery", release));
            awaitInFlight(workers, 2);

            assertThatThrownBy(() -> workers.run("gallery", () -> "third"))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.RATE_LIMITED);
                        assertThat(e.code()).isEqualTo("images_busy");
                    });
            running.add(upload(workers, "neighbour", release));
            awaitInFlight(workers, 3);

            release.countDown();
            for (CompletableFuture<String> upload : running) {
                assertThat(upload.get(30, TimeUnit.SECONDS)).isIn("gallery", "neighbour");
            }
            assertThat(workers.inFlight()).isZero();
            assertThat(workers.run("gallery", () -> "again")).isEqualTo("again");
        }
    }

    @Test
    void aFullQueueIsRefusedNotGrown() throws Exception {
        try (ImageWorkers workers = new ImageWorkers(1, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            List<CompletableFuture<String>> running = new ArrayList<>();
            running.add(upload(workers, "a", release)); // running
            running.add(upload(workers, "b", release)); // queued
            awaitInFlight(workers, 2);
            for (int i = 0; i < 200 && workers.queued() < 1; i++) {
                Thread.sleep(10);
            }

            assertThatThrownBy(() -> workers.run("c", () -> "c"))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo("images_busy"));

            release.countDown();
            for (CompletableFuture<String> upload : running) {
                upload.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aFailureInsideTheWorkReachesTheCallerAsItself() {
        try (ImageWorkers workers = new ImageWorkers(1, 1)) {
            assertThatThrownBy(() -> workers.run("a", () -> {
                        throw DomainException.invalid("file", "bad");
                    }))
                    .isInstanceOf(DomainException.class)
                    .hasMessage("bad");
            assertThat(workers.inFlight()).isZero();
        }
    }
}
