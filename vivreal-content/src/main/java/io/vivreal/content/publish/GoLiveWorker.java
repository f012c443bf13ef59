package io.vivreal.content.publish;

import io.vivreal.content.ContentChangedEvent;
import io.vivreal.content.items.ContentItem;
import io.vivreal.content.items.ItemRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Makes scheduled items go live without anyone writing: every interval it takes the due entries of
 * the {@link PublishSchedule}, checks each item still has that publish date, records a {@code
 * content.published} event and tells this instance's read caches. Every instance runs it; the
 * event's identity makes duplicates harmless. Visibility itself never waits for it — the Client
 * API's publish gate compares {@code publishDate} with the clock on every read.
 */
public final class GoLiveWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GoLiveWorker.class);
    private static final int BATCH = 200;

    private final PublishSchedule schedule;
    private final ItemRepository items;
    private final ContentEvents events;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public GoLiveWorker(
            PublishSchedule schedule,
            ItemRepository items,
            ContentEvents events,
            ApplicationEventPublisher publisher,
            Clock clock,
            Duration interval) {
        this.schedule = schedule;
        this.items = items;
        this.events = events;
        this.publisher = publisher;
        this.clock = clock;
        this.interval = interval;
    }

    /** Processes everything due now; answers how many items went live. */
    public int runOnce() {
        int published = 0;
        List<PublishSchedule.Entry> due = schedule.due(clock.instant(), BATCH);
        for (PublishSchedule.Entry entry : due) {
            Optional<ContentItem> item = items.find(entry.scope(), entry.collectionId(), entry.itemId());
            boolean stillDue = item.isPresent()
                    && !item.get().archived()
                    && entry.publishAt().equals(item.get().publishDate());
            if (stillDue
                    && events.published(
                            entry.scope().groupID(), entry.itemId(), entry.collectionId(), entry.publishAt())) {
                published++;
                publisher.publishEvent(new ContentChangedEvent(entry.scope().groupID()));
            }
            schedule.done(entry);
        }
        return published;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "go-live");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::safeRun, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeRun() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("go-live run failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
