package io.vivreal.content.publish;

import io.vivreal.content.items.ContentItem;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;

/**
 * What a write means for distribution, decided from the item before and after it: the publish
 * schedule is kept, and the outbox gets {@code content.published} when the item is live now and
 * was not, {@code content.updated} when a live item changed, {@code content.unpublished} when a
 * live item stopped being live (archived, back to draft, moved to a future date, deleted), and
 * {@code submission.received} for a public form submission. A publish recorded here and one the
 * {@link GoLiveWorker} records at the scheduled time are the same event with the same id, so the
 * worker's pass after a manual publish stores nothing new.
 */
public final class Publication {

    /** The action name {@code Submissions} writes new items with. */
    public static final String SUBMITTED = "item.submitted";

    private final PublishSchedule schedule;
    private final ContentEvents events;
    private final Clock clock;

    public Publication(PublishSchedule schedule, ContentEvents events, Clock clock) {
        this.schedule = schedule;
        this.events = events;
        this.clock = clock;
    }

    /** After an item was created ({@code before} null) or replaced. */
    public void afterWrite(TenantScope scope, ContentItem before, ContentItem after, String action) {
        Instant now = clock.instant();
        boolean wasLive = before != null && live(before, now);
        boolean isLive = live(after, now);
        if (isLive && !wasLive) {
            events.published(scope, after.id(), after.collectionId(), after.publishDate());
        } else if (isLive) {
            if (schedule.waiting(scope, before.id(), before.publishDate())) {
                // live by the clock, but the go-live worker has not recorded it yet: it comes first
                events.published(scope, before.id(), before.collectionId(), before.publishDate());
            }
            events.record(
                    EventType.UPDATED.wireName() + ":" + after.id() + ":v" + after.version(),
                    EventType.UPDATED,
                    scope,
                    after.id(),
                    after.collectionId(),
                    after.publishDate());
        } else if (wasLive) {
            events.record(
                    EventType.UNPUBLISHED.wireName() + ":" + after.id() + ":v" + after.version(),
                    EventType.UNPUBLISHED,
                    scope,
                    after.id(),
                    after.collectionId(),
                    after.publishDate());
        }
        if (before == null && SUBMITTED.equals(action)) {
            events.record(
                    EventType.SUBMISSION_RECEIVED.wireName() + ":" + after.id(),
                    EventType.SUBMISSION_RECEIVED,
                    scope,
                    after.id(),
                    after.collectionId(),
                    null);
        }
        if (isLive && before == null) {
            return; // created live: its publication is recorded above and nothing was scheduled
        }
        if (isLive && wasLive) {
            schedule.forget(scope, after.id()); // already live: a changed past date is no new publication
        } else {
            schedule.track(scope, after);
        }
    }

    /** After an item was deleted; {@code before} is the item as it was, when it was found. */
    public void afterDelete(TenantScope scope, ContentItem before, String itemId) {
        if (before != null && live(before, clock.instant())) {
            events.record(
                    EventType.UNPUBLISHED.wireName() + ":" + itemId + ":deleted",
                    EventType.UNPUBLISHED,
                    scope,
                    itemId,
                    before.collectionId(),
                    before.publishDate());
        }
        schedule.forget(scope, itemId);
    }

    private static boolean live(ContentItem item, Instant now) {
        return "published".equals(item.status(now));
    }
}
