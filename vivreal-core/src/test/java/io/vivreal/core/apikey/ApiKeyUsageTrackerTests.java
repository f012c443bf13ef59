package io.vivreal.core.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ApiKeyUsageTrackerTests {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final String GROUP_A = "65a000000000000000000001";
    private static final String GROUP_B = "65a000000000000000000002";

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {
        private Instant now = T0;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private record Write(String groupId, String keyHash, Instant at) {}

    private static final class RecordingSink implements ApiKeyUsageTracker.UsageSink {
        final List<Write> writes = new ArrayList<>();
        boolean failing;

        @Override
        public void recordKeyUse(String groupId, String keyHash, Instant lastUsedAt) {
            if (failing) {
                throw new IllegalStateException("store unavailable");
            }
            writes.add(new Write(groupId, keyHash, lastUsedAt));
        }
    }

    private final TestClock clock = new TestClock();
    private final RecordingSink sink = new RecordingSink();
    private final ApiKeyUsageTracker tracker = new ApiKeyUsageTracker(clock, sink);

    @Test
    void recordUseRemembersTheClockTime() {
        tracker.recordUse(GROUP_A, "hash-a");
        assertThat(tracker.pendingUse(GROUP_A)).contains(T0);
        assertThat(tracker.pendingUse(GROUP_B)).isEmpty();
    }

    @Test
    void recordUseWritesNothingUntilFlush() {
        tracker.recordUse(GROUP_A, "hash-a");
        tracker.recordUse(GROUP_B, "hash-b");
        assertThat(sink.writes).isEmpty();
    }

    @Test
    void recordUseKeepsTheLatestUseOfEachKeySoBothKeysOfARollAreTracked() {
        tracker.recordUse(GROUP_A, "hash-old");
        clock.advance(Duration.ofSeconds(5));
        tracker.recordUse(GROUP_A, "hash-new");
        clock.advance(Duration.ofSeconds(5));
        tracker.recordUse(GROUP_A, "hash-new");
        assertThat(tracker.pendingUse(GROUP_A)).contains(T0.plusSeconds(10));
        assertThat(tracker.pendingUse(GROUP_A, "hash-old")).contains(T0);

        tracker.flush();

        assertThat(sink.writes)
                .containsExactlyInAnyOrder(
                        new Write(GROUP_A, "hash-old", T0), new Write(GROUP_A, "hash-new", T0.plusSeconds(10)));
    }

    @Test
    void flushWritesEachPendingUseOnceAndClearsIt() {
        tracker.recordUse(GROUP_A, "hash-a");
        clock.advance(Duration.ofSeconds(1));
        tracker.recordUse(GROUP_B, "hash-b");

        tracker.flush();

        assertThat(sink.writes)
                .containsExactlyInAnyOrder(
                        new Write(GROUP_A, "hash-a", T0), new Write(GROUP_B, "hash-b", T0.plusSeconds(1)));
        assertThat(tracker.pendingUse(GROUP_A)).isEmpty();
        assertThat(tracker.pendingUse(GROUP_B)).isEmpty();

        tracker.flush();
        assertThat(sink.writes).hasSize(2);
    }

    @Test
    void flushWithNothingPendingWritesNothing() {
        tracker.flush();
        assertThat(sink.writes).isEmpty();
    }

    @Test
    void failingSinkKeepsTheEntryForTheNextFlush() {
        tracker.recordUse(GROUP_A, "hash-a");
        sink.failing = true;

        tracker.flush();

        assertThat(sink.writes).isEmpty();
        assertThat(tracker.pendingUse(GROUP_A)).contains(T0);

        sink.failing = false;
        tracker.flush();

        assertThat(sink.writes).containsExactly(new Write(GROUP_A, "hash-a", T0));
        assertThat(tracker.pendingUse(GROUP_A)).isEmpty();
    }

    @Test
    void oneFailingWriteDoesNotStopTheOthers() {
        ApiKeyUsageTracker.UsageSink pickySink = (groupId, keyHash, at) -> {
            if (groupId.equals(GROUP_A)) {
                throw new IllegalStateException("boom");
            }
            sink.writes.add(new Write(groupId, keyHash, at));
        };
        ApiKeyUsageTracker picky = new ApiKeyUsageTracker(clock, pickySink);
        picky.recordUse(GROUP_A, "hash-a");
        picky.recordUse(GROUP_B, "hash-b");

        picky.flush();

        assertThat(sink.writes).containsExactly(new Write(GROUP_B, "hash-b", T0));
        assertThat(picky.pendingUse(GROUP_A)).contains(T0);
        assertThat(picky.pendingUse(GROUP_B)).isEmpty();
    }

    @Test
    void useRecordedWhileItsPredecessorIsBeingWrittenIsNotLost() {
        AtomicBoolean reentered = new AtomicBoolean();
        List<Write> writes = new ArrayList<>();
        ApiKeyUsageTracker[] holder = new ApiKeyUsageTracker[1];
        ApiKeyUsageTracker.UsageSink slowSink = (groupId, keyHash, at) -> {
            writes.add(new Write(groupId, keyHash, at));
            if (reentered.compareAndSet(false, true)) {
                // a request arrives while the flush is writing the older use
                clock.advance(Duration.ofSeconds(3));
                holder[0].recordUse(groupId, "hash-newer");
            }
        };
        holder[0] = new ApiKeyUsageTracker(clock, slowSink);
        holder[0].recordUse(GROUP_A, "hash-a");

        holder[0].flush();

        assertThat(holder[0].pendingUse(GROUP_A)).contains(T0.plusSeconds(3));
        holder[0].flush();
        assertThat(writes).last().isEqualTo(new Write(GROUP_A, "hash-newer", T0.plusSeconds(3)));
        assertThat(holder[0].pendingUse(GROUP_A)).isEmpty();
    }

    @Test
    void worksWithAFixedClock() {
        Instant fixed = Instant.parse("2030-06-01T12:00:00Z");
        ApiKeyUsageTracker fixedTracker = new ApiKeyUsageTracker(Clock.fixed(fixed, ZoneOffset.UTC), sink);
        fixedTracker.recordUse(GROUP_A, "hash-a");
        fixedTracker.flush();
        assertThat(sink.writes).containsExactly(new Write(GROUP_A, "hash-a", fixed));
    }
}
