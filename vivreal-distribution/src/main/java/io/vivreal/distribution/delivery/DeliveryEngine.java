package io.vivreal.distribution.delivery;

import io.vivreal.content.publish.ContentEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The delivery queue's engine, one per instance: a dispatcher thread fans new events out and
 * hands due lanes to a bounded pool of {@code workers} threads. Claiming is fair across groups:
 * a group may hold at most its share of this instance's workers — {@code workers} divided by the
 * groups with work, and never all of them while there is more than one worker — so one group's
 * hanging receivers (each costing a worker up to 15 s) cannot hold back another group's
 * deliveries. Leases on held lanes are extended while their sends run (on a thread of their
 * own); a worker whose lease could not be extended stops after its current send.
 */
public final class DeliveryEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

    private static final int FAN_OUT_BATCH = 200;
    private static final int LANE_SCAN = 500;
    private static final Duration SWEEP = Duration.ofSeconds(5);

    private final ContentEvents events;
    private final FanOut fanOut;
    private final DeliveryLanes lanes;
    private final LaneWorker worker;
    private final Clock clock;
    private final int workers;
    private final Duration interval;
    private final Duration lease;
    private final boolean background;
    /** This instance in lease documents: the process id (for operators) and a random part. */
    private final String owner = ProcessHandle.current().pid() + "-" + UUID.randomUUID();

    private final BlockingQueue<String> recorded = new ArrayBlockingQueue<>(10_000);
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> busyByGroup = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private volatile ExecutorService pool;
    private volatile Thread dispatcher;
    private Instant lastSweep = Instant.EPOCH;
    private volatile ScheduledExecutorService leases;

    private record Held(DeliveryLanes.Lane lane, String groupId, AtomicBoolean valid) {}

    DeliveryEngine(
            ContentEvents events,
            FanOut fanOut,
            DeliveryLanes lanes,
            LaneWorker worker,
            Clock clock,
            int workers,
            Duration interval,
            Duration lease,
            boolean background) {
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("vivreal.delivery.workers must be between 1 and 256");
        }
        this.events = events;
        this.fanOut = fanOut;
        this.lanes = lanes;
        this.worker = worker;
        this.clock = clock;
        this.workers = workers;
        this.interval = interval;
        this.lease = lease;
        this.background = background;
    }

    /** An event this instance just recorded: fanned out at the next turn, not the next sweep. */
    public void recorded(String eventId) {
        recorded.offer(eventId); // full: the sweep finds it
        wake.release();
    }

    /** Wakes the dispatcher (a resend, an enabled channel). */
    public void nudge() {
        wake.release();
    }

    /**
     * Runs the queue in the caller's thread until nothing is due now, for tests that drive a
     * controllable clock with {@code vivreal.delivery.background=false}.
     */
    public int runUntilIdle() {
        int rounds = 0;
        while (true) {
            fanOutRecorded();
            fanOut.fanOut(events.notFannedOut(FAN_OUT_BATCH));
            List<DeliveryLanes.Lane> due = lanes.due(clock.instant(), LANE_SCAN);
            if (due.isEmpty() || rounds > 10_000) {
                return rounds;
            }
            for (DeliveryLanes.Lane lane : due) {
                lanes.claim(lane.channelId(), owner, clock.instant(), lease)
                        .ifPresent(claimed -> worker.work(claimed, owner, () -> true));
                rounds++;
            }
        }
    }

    private void fanOutRecorded() {
        List<String> ids = new ArrayList<>();
        recorded.drainTo(ids, FAN_OUT_BATCH);
        if (!ids.isEmpty()) {
            fanOut.fanOut(events.notFannedOut(ids));
        }
    }

    /** One turn of the dispatcher. */
    void turn() {
        Instant now = clock.instant();
        fanOutRecorded();
        if (Duration.between(lastSweep, now).compareTo(SWEEP) >= 0) {
            lastSweep = now;
            fanOut.fanOut(events.notFannedOut(FAN_OUT_BATCH));
        }
        dispatchDueLanes(now);
    }

    /** Runs on a thread of its own, so a slow turn of the dispatcher never lets a held lease lapse. */
    private void extendLeases() {
        Instant now = clock.instant();
        for (Map.Entry<String, Held> entry : held.entrySet()) {
            if (!lanes.extend(entry.getKey(), owner, now.plus(lease))) {
                entry.getValue().valid().set(false);
            }
        }
    }

    /** Claims due lanes for free workers, round-robin over groups, each group within its share. */
    private void dispatchDueLanes(Instant now) {
        int free = workers - held.size();
        if (free <= 0) {
            return;
        }
        Map<String, List<DeliveryLanes.Lane>> byGroup = new LinkedHashMap<>();
        for (DeliveryLanes.Lane lane : lanes.due(now, LANE_SCAN)) {
            byGroup.computeIfAbsent(lane.scope().groupID(), g -> new ArrayList<>())
                    .add(lane);
        }
        if (byGroup.isEmpty()) {
            return;
        }
        Set<String> active = new HashSet<>(byGroup.keySet());
        for (Held h : held.values()) {
            active.add(h.groupId());
        }
        int share = share(workers, active.size());
        Map<String, Integer> next = new HashMap<>();
        boolean progress = true;
        while (free > 0 && progress) {
            progress = false;
            for (Map.Entry<String, List<DeliveryLanes.Lane>> group : byGroup.entrySet()) {
                if (free <= 0) {
                    break;
                }
                int busy = busyByGroup
                        .getOrDefault(group.getKey(), new AtomicInteger())
                        .get();
                int index = next.getOrDefault(group.getKey(), 0);
                if (busy >= share || index >= group.getValue().size()) {
                    continue;
                }
                next.put(group.getKey(), index + 1);
                DeliveryLanes.Lane lane = group.getValue().get(index);
                if (held.containsKey(lane.channelId())) {
                    progress = true;
                    continue;
                }
                var claimed = lanes.claim(lane.channelId(), owner, clock.instant(), lease);
                progress = true;
                if (claimed.isPresent()) {
                    start(claimed.get());
                    free--;
                }
            }
        }
    }

    /** A group's share of the workers: an equal split, at least one, never all while there are two. */
    static int share(int workers, int activeGroups) {
        int cap = workers > 1 ? workers - 1 : 1;
        return Math.max(1, Math.min(cap, workers / Math.max(1, activeGroups)));
    }

    private void start(DeliveryLanes.Lane lane) {
        String groupId = lane.scope().groupID();
        Held h = new Held(lane, groupId, new AtomicBoolean(true));
        held.put(lane.channelId(), h);
        busyByGroup.computeIfAbsent(groupId, g -> new AtomicInteger()).incrementAndGet();
        pool.execute(() -> {
            try {
                worker.work(lane, owner, () -> h.valid().get());
            } catch (RuntimeException e) {
                log.warn(
                        "delivery lane {} failed: {}",
                        lane.channelId(),
                        e.getClass().getSimpleName());
                try {
                    lanes.release(lane, owner, clock.instant().plusSeconds(5), clock.instant());
                } catch (RuntimeException ignored) {
                    // the lease runs out and another worker takes the lane
                }
            } finally {
                held.remove(lane.channelId());
                busyByGroup.get(groupId).decrementAndGet();
                wake.release();
            }
        });
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                turn();
            } catch (RuntimeException e) {
                log.warn("delivery dispatcher turn failed: {}", e.getClass().getSimpleName());
            }
            try {
                if (wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (!background || pool != null) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "delivery-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        leases = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "delivery-leases");
            thread.setDaemon(true);
            return thread;
        });
        long every = lease.dividedBy(4).toMillis();
        leases.scheduleWithFixedDelay(
                () -> {
                    try {
                        extendLeases();
                    } catch (RuntimeException e) {
                        log.warn(
                                "extending delivery leases failed: {}",
                                e.getClass().getSimpleName());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        dispatcher = new Thread(this::loop, "delivery-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    @Override
    public synchronized void stop() {
        if (dispatcher != null) {
            dispatcher.interrupt();
            dispatcher = null;
        }
        if (pool != null) {
            // sends in flight finish (at most 15 s); workers then give their lanes back. With the
            // web server's 10 s for requests in flight the process is gone within 30 s of SIGTERM.
            held.values().forEach(h -> h.valid().set(false));
            pool.shutdown();
            try {
                if (!pool.awaitTermination(16, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
            pool = null;
        }
        if (leases != null) {
            leases.shutdownNow();
            leases = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return pool != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000; // stop before the store's client closes
    }

    /** Channels with deliveries due and the age of the oldest due one, across every instance. */
    public record Backlog(long dueChannels, Duration oldestDue) {}

    /** The queue as metrics show it: one count and one sorted read on the lanes' index. */
    public Backlog backlog() {
        return lanes.backlog(clock.instant());
    }
}
