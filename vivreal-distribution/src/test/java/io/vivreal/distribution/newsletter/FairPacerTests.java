package io.vivreal.distribution.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The newsletter rate is handed to the groups that wait in turn, not to whoever asks most. */
class FairPacerTests {

    @Test
    void aGroupWithManySendersGetsNoMoreSlotsThanAGroupWithOne() throws Exception {
        FairPacer pacer = new FairPacer(100);
        List<String> grants = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(sender(pacer, "big", 15, grants, start));
        }
        threads.add(sender(pacer, "small", 10, grants, start));
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(grants).hasSize(70);
        List<String> first = grants.subList(0, 20);
        long small = first.stream().filter("small"::equals).count();
        // in turn: about every other slot; by share of senders it would be one in five
        assertThat(small).as(first.toString()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void anInterruptedWaiterLeavesTheTurnToTheOthers() throws Exception {
        FairPacer pacer = new FairPacer(2);
        pacer.acquire("a"); // the next slot is half a second away
        Thread waiting = new Thread(() -> {
            try {
                pacer.acquire("b");
            } catch (InterruptedException expected) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.start();
        waiting.interrupt();
        waiting.join(5_000);
        assertThat(waiting.isAlive()).isFalse();
        pacer.acquire("c"); // not stuck behind the departed group b
    }

    @Test
    void aRateOutsideTheRangeIsRefusedAtStart() {
        assertThatThrownBy(() -> new FairPacer(0)).hasMessageContaining("VIVREAL_NEWSLETTER_RATE");
        assertThatThrownBy(() -> new FairPacer(Double.NaN)).hasMessageContaining("VIVREAL_NEWSLETTER_RATE");
        assertThatThrownBy(() -> new FairPacer(20_000)).hasMessageContaining("VIVREAL_NEWSLETTER_RATE");
    }

    private static Thread sender(FairPacer pacer, String group, int times, List<String> grants, CountDownLatch start) {
        return new Thread(() -> {
            try {
                start.await();
                for (int i = 0; i < times; i++) {
                    pacer.acquire(group);
                    grants.add(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
