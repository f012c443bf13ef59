package io.vivreal.content.publish;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.CommitBatch;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The durable outbox the distribution engine reads: one record per event, identified by what
 * happened (the item, and its publish date or version), so that recording the same fact twice
 * (two instances, a retry after a crash, the go-live worker after a manual publish) stores it
 * once. Events stay {@link #RETENTION} (a TTL index on MongoDB, {@link #sweepExpired} on the embedded
 * store) and carry {@code fannedOut} until the distribution engine has made their deliveries —
 * nothing is skipped for its age.
 */
public final class ContentEvents implements IndexDefinitions, Expiring {

    public static final String PUBLISHED = EventType.PUBLISHED.wireName();
    public static final Duration RETENTION = Duration.ofDays(30);
    static final String COLLECTION = "content_events";

    private final MongoCollection<Document> events;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;

    public ContentEvents(ControlPlane controlPlane, Clock clock, ApplicationEventPublisher publisher) {
        this.events = controlPlane.collection(COLLECTION);
        this.clock = clock;
        this.publisher = publisher;
    }

    /** One event as the distribution engine reads it. */
    public record Event(
            String id,
            EventType type,
            TenantScope scope,
            String itemId,
            String collectionId,
            Instant publishDate,
            Instant createdAt) {}

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(
                IndexSpec.of(COLLECTION, new Document("groupID", 1).append("createdAt", -1)),
                IndexSpec.of(COLLECTION, new Document("fannedOut", 1).append("createdAt", 1)),
                IndexSpec.of(COLLECTION, new Document("feedsNoted", 1).append("createdAt", 1)),
                new IndexSpec(
                        COLLECTION,
                        new Document("createdAt", 1),
                        new IndexOptions().expireAfter(RETENTION.toSeconds(), TimeUnit.SECONDS)));
    }

    /**
     * Records that an item went live at {@code publishDate}: the one event a manual publish and a
     * scheduled go-live both make. Answers false if it was already recorded.
     */
    boolean published(TenantScope scope, String itemId, String collectionId, Instant publishDate) {
        return record(
                PUBLISHED + ":" + itemId + ":" + publishDate.toEpochMilli(),
                EventType.PUBLISHED,
                scope,
                itemId,
                collectionId,
                publishDate);
    }

    boolean record(
            String id, EventType type, TenantScope scope, String itemId, String collectionId, Instant publishDate) {
        try {
            CommitBatch.writes(events)
                    .insertOne(new Document("_id", id)
                            .append("type", type.wireName())
                            .append("groupID", scope.groupID())
                            .append("dbKey", scope.dbKey())
                            .append("itemId", itemId)
                            .append("collectionId", collectionId)
                            .append("publishDate", publishDate == null ? null : Date.from(publishDate))
                            .append("createdAt", Date.from(clock.instant()))
                            .append("fannedOut", false));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        publisher.publishEvent(new ContentEventRecorded(id));
        return true;
    }

    /** Events whose deliveries are not made yet, oldest first. */
    public List<Event> notFannedOut(int limit) {
        List<Event> found = new ArrayList<>();
        for (Document document : events.find(eq("fannedOut", false))
                .sort(Sorts.ascending("createdAt"))
                .limit(limit)) {
            toEvent(document).ifPresent(found::add);
        }
        return found;
    }

    /** The given events if they still wait to be fanned out. */
    public List<Event> notFannedOut(Collection<String> ids) {
        // by _id alone, which the embedded store serves from its index (with the fannedOut mark in
        // the query it scans every event); the mark and the order are applied here
        List<Document> documents = new ArrayList<>();
        events.find(com.mongodb.client.model.Filters.in("_id", ids)).into(documents);
        documents.sort(Comparator.comparing(
                document -> document.getDate("createdAt"), Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Event> found = new ArrayList<>();
        for (Document document : documents) {
            if (Boolean.FALSE.equals(document.get("fannedOut"))) {
                toEvent(document).ifPresent(found::add);
            }
        }
        return found;
    }

    public void fannedOut(String eventId) {
        events.updateOne(eq("_id", eventId), Updates.set("fannedOut", true));
    }

    /**
     * Events the feeds have not looked at yet (to ping their WebSub hub), oldest first. A second
     * consumer of the same outbox, with its own mark, so neither waits for the other.
     */
    public List<Event> awaitingFeeds(int limit) {
        List<Event> found = new ArrayList<>();
        for (Document document : events.find(com.mongodb.client.model.Filters.ne("feedsNoted", true))
                .sort(Sorts.ascending("createdAt"))
                .limit(limit)) {
            java.util.Optional<Event> event = toEvent(document);
            if (event.isPresent()) {
                found.add(event.get());
            } else {
                feedsNoted(document.getString("_id")); // unreadable: never at the head of the queue again
            }
        }
        return found;
    }

    public void feedsNoted(String eventId) {
        events.updateOne(eq("_id", eventId), Updates.set("feedsNoted", true));
    }

    /** Deletes events past their retention; the TTL index does it on MongoDB, this on the embedded store. */
    @Override
    public long sweepExpired() {
        return events.deleteMany(lt("createdAt", Date.from(clock.instant().minus(RETENTION))))
                .getDeletedCount();
    }

    /** A group's events, newest first. */
    public List<Document> forGroup(String groupId, int limit) {
        List<Document> list = new ArrayList<>();
        events.find(eq("groupID", groupId))
                .sort(Sorts.descending("createdAt"))
                .limit(limit)
                .into(list);
        return list;
    }

    private static java.util.Optional<Event> toEvent(Document document) {
        java.util.Optional<EventType> type = EventType.parse(document.getString("type"));
        String dbKey = document.getString("dbKey");
        if (type.isEmpty() || dbKey == null) {
            return java.util.Optional.empty(); // recorded before the outbox carried its database
        }
        Date publishDate = document.getDate("publishDate");
        return java.util.Optional.of(new Event(
                document.getString("_id"),
                type.get(),
                new TenantScope(document.getString("groupID"), dbKey),
                document.getString("itemId"),
                document.getString("collectionId"),
                publishDate == null ? null : publishDate.toInstant(),
                document.getDate("createdAt").toInstant()));
    }
}
