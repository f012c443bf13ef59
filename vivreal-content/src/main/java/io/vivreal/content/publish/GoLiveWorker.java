package io.vivreal.content.publish;

import io.vivreal.content.ContentChangedEvent;
import io.vivreal.content.items.ContentItem;
import io.vivreal.content.items.ItemRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Makes scheduled items go live without anyone writing: every interval it takes the due entries of
 * the {@link PublishSchedule}, checks each item still has that publish date, records a {@code
 * content.published} event and tells this instance's read caches. Every instance runs it (as a
 * {@code PeriodicTask}); the
 * event's identity makes duplicates harmless. Visibility itself never waits for it — the Client
 * API's publish gate compares {@code publishDate} with the clock on every read.
 */
public final class GoLiveWorker {

    private static final int BATCH = 200;

    private final PublishSchedule schedule;
    private final ItemRepository items;
    private final ContentEvents events;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    public GoLiveWorker(
            PublishSchedule schedule,
            ItemRepository items,
            ContentEvents events,
            ApplicationEventPublisher publisher,
            Clock clock) {
        this.schedule = schedule;
        this.items = items;
        this.events = events;
        this.publisher = publisher;
        this.clock = clock;
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
            if (stillDue && events.published(entry.scope(), entry.itemId(), entry.collectionId(), entry.publishAt())) {
                published++;
                publisher.publishEvent(new ContentChangedEvent(entry.scope().groupID()));
            }
            schedule.done(entry);
        }
        return published;
    }
}
