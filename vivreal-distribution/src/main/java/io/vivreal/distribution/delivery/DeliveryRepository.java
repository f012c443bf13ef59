package io.vivreal.distribution.delivery;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import io.vivreal.distribution.adapters.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Deliveries in the tenant's {@code deliveries} collection, reached only through a tenant scope:
 * the log (attempts, answer excerpts) is the group's data. Kept {@link #RETENTION} after they were
 * made (TTL index on {@code expiresAt}; {@link #prune} on the embedded store). State changes are
 * compare-and-set on the status the caller read, so a resend and a worker never both win.
 */
public final class DeliveryRepository implements IndexDefinitions {

    static final String COLLECTION = "deliveries";
    /** Set on a post delivery whose outcome is unknown and must not be sent again automatically. */
    static final String HELD = "held";

    public static final Duration RETENTION = Duration.ofDays(30);

    private final TenantStore store;

    public DeliveryRepository(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(
                IndexSpec.of(
                        COLLECTION,
                        new Document("groupID", 1)
                                .append("channelId", 1)
                                .append("status", 1)
                                .append("eventAt", 1)),
                IndexSpec.of(COLLECTION, new Document("groupID", 1).append("createdAt", -1)),
                IndexSpec.expiring(COLLECTION, "expiresAt"));
    }

    private TenantCollection deliveries(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    /** Stores a new delivery; answers false when it exists already (the same event fanned out twice). */
    boolean insert(TenantScope scope, Delivery delivery) {
        try {
            deliveries(scope)
                    .insertOne(new Document("_id", delivery.id())
                            .append("channelId", delivery.channelId())
                            .append("eventId", delivery.eventId())
                            .append("eventType", delivery.eventType())
                            .append("itemId", delivery.itemId())
                            .append("collectionId", delivery.collectionId())
                            .append("eventAt", Date.from(delivery.eventAt()))
                            .append("status", delivery.status().wire())
                            .append("nextAttemptAt", Date.from(delivery.nextAttemptAt()))
                            .append("roundStart", 0)
                            .append("attempts", List.of())
                            .append("createdAt", Date.from(delivery.createdAt()))
                            .append("expiresAt", Date.from(delivery.createdAt().plus(RETENTION)))
                            .append("message", delivery.message().toDocument()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Delivery> find(TenantScope scope, String id) {
        if (id == null || !Delivery.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(deliveries(scope).findOne(eq("_id", id))).map(DeliveryRepository::toDelivery);
    }

    /**
     * A channel's deliveries still to send, in event order. A post {@code held} for a person to
     * confirm (its outcome was lost on a platform without idempotency) is not sent again.
     */
    List<Delivery> open(TenantScope scope, String channelId, int limit) {
        return toList(deliveries(scope)
                .find(and(eq("channelId", channelId), in("status", DeliveryStatus.OPEN), ne(HELD, true)))
                .sort(Sorts.ascending("eventAt", "eventId"))
                .limit(limit));
    }

    /** The channel's deliveries left in {@code sending} by a worker that stopped. */
    List<Delivery> sending(TenantScope scope, String channelId) {
        return toList(deliveries(scope)
                .find(and(eq("channelId", channelId), eq("status", DeliveryStatus.SENDING.wire()))));
    }

    /** Moves a delivery from {@code expected} to {@code sending}; false when someone changed it first. */
    boolean markSending(TenantScope scope, Delivery delivery, Instant now) {
        return deliveries(scope)
                        .updateOne(
                                and(
                                        eq("_id", delivery.id()),
                                        eq("status", delivery.status().wire())),
                                Updates.combine(
                                        Updates.set("status", DeliveryStatus.SENDING.wire()),
                                        Updates.set("sendingSince", Date.from(now))))
                        .getMatchedCount()
                == 1;
    }

    /** Records an attempt and the state it led to, if the delivery is still in {@code from}. */
    boolean finish(
            TenantScope scope,
            String id,
            DeliveryStatus from,
            Attempt attempt,
            DeliveryStatus status,
            Instant nextAttemptAt) {
        return finish(scope, id, from, attempt, status, nextAttemptAt, false);
    }

    /** As {@link #finish}; {@code hold}: not to be sent again until a person resends or confirms it. */
    boolean finish(
            TenantScope scope,
            String id,
            DeliveryStatus from,
            Attempt attempt,
            DeliveryStatus status,
            Instant nextAttemptAt,
            boolean hold) {
        return deliveries(scope)
                        .updateOne(
                                and(eq("_id", id), eq("status", from.wire())),
                                Updates.combine(
                                        Updates.set("status", status.wire()),
                                        Updates.set(HELD, hold),
                                        Updates.set(
                                                "nextAttemptAt",
                                                nextAttemptAt == null ? null : Date.from(nextAttemptAt)),
                                        Updates.unset("sendingSince"),
                                        Updates.push("attempts", attempt.toDocument())))
                        .getMatchedCount()
                == 1;
    }

    /** Marks every open delivery of a channel skipped (the channel is disabled or deleted). */
    long skipOpen(TenantScope scope, String channelId) {
        return deliveries(scope)
                .updateMany(
                        and(eq("channelId", channelId), in("status", DeliveryStatus.OPEN)),
                        Updates.combine(
                                Updates.set("status", DeliveryStatus.SKIPPED.wire()),
                                Updates.set("nextAttemptAt", null)))
                .getModifiedCount();
    }

    /** Puts a delivery back in the queue with a fresh retry schedule, if it is still as read. */
    boolean requeue(TenantScope scope, Delivery delivery, Instant now) {
        return deliveries(scope)
                        .updateOne(
                                and(
                                        eq("_id", delivery.id()),
                                        eq("status", delivery.status().wire())),
                                Updates.combine(
                                        Updates.set("status", DeliveryStatus.PENDING.wire()),
                                        Updates.unset(HELD),
                                        Updates.set("nextAttemptAt", Date.from(now)),
                                        Updates.set(
                                                "roundStart",
                                                delivery.attempts().size())))
                        .getMatchedCount()
                == 1;
    }

    /** A channel's failed deliveries made since {@code since}, oldest event first. */
    List<Delivery> failedSince(TenantScope scope, String channelId, Instant since, int limit) {
        return toList(deliveries(scope)
                .find(and(
                        eq("channelId", channelId),
                        in("status", DeliveryStatus.FAILED),
                        ne(HELD, true),
                        gte("createdAt", Date.from(since))))
                .sort(Sorts.ascending("eventAt", "eventId"))
                .limit(limit));
    }

    /** The log, newest first, after the cursor {@code (createdAt, id)} of the previous page's last entry. */
    List<Delivery> list(TenantScope scope, DeliveryQuery query) {
        List<Bson> filters = new ArrayList<>();
        query.channelId().ifPresent(id -> filters.add(eq("channelId", id)));
        query.status().ifPresent(status -> filters.add(eq("status", status.wire())));
        query.eventType().ifPresent(type -> filters.add(eq("eventType", type.wireName())));
        query.after()
                .ifPresent(cursor -> filters.add(or(
                        lt("createdAt", Date.from(cursor.createdAt())),
                        and(eq("createdAt", Date.from(cursor.createdAt())), lt("_id", cursor.id())))));
        return toList(deliveries(scope)
                .find(filters.isEmpty() ? null : and(filters))
                .sort(Sorts.descending("createdAt", "_id"))
                .limit(query.limit()));
    }

    /** A channel's open post deliveries, to tell their posts before they are skipped. */
    List<Delivery> openPosts(TenantScope scope, String channelId, int limit) {
        return toList(deliveries(scope)
                .find(and(
                        eq("channelId", channelId),
                        in("status", DeliveryStatus.OPEN),
                        eq("message.type", Message.POST)))
                .limit(limit));
    }

    /** Replaces a queued delivery's message and time, if no attempt has started. */
    boolean replacePending(TenantScope scope, String id, Message message, Instant at) {
        return deliveries(scope)
                        .updateOne(
                                and(eq("_id", id), eq("status", DeliveryStatus.PENDING.wire())),
                                Updates.combine(
                                        Updates.set("message", message.toDocument()),
                                        Updates.set("eventAt", Date.from(at)),
                                        Updates.set("nextAttemptAt", Date.from(at))))
                        .getMatchedCount()
                == 1;
    }

    /** Skips a queued delivery, if no attempt has started: a cancelled post. */
    boolean cancelPending(TenantScope scope, String id) {
        return deliveries(scope)
                        .updateOne(
                                and(eq("_id", id), eq("status", DeliveryStatus.PENDING.wire())),
                                Updates.combine(
                                        Updates.set("status", DeliveryStatus.SKIPPED.wire()),
                                        Updates.set("nextAttemptAt", null)))
                        .getMatchedCount()
                == 1;
    }

    /** Settles a held delivery as a person confirmed it: {@code succeeded} or {@code exhausted}. */
    boolean settleHeld(TenantScope scope, String id, DeliveryStatus status) {
        return deliveries(scope)
                        .updateOne(
                                and(eq("_id", id), eq("status", DeliveryStatus.UNKNOWN.wire()), eq(HELD, true)),
                                Updates.combine(Updates.set("status", status.wire()), Updates.unset(HELD)))
                        .getMatchedCount()
                == 1;
    }

    long prune(TenantScope scope, Instant now) {
        return deliveries(scope).deleteMany(lt("expiresAt", Date.from(now))).getDeletedCount();
    }

    private static List<Delivery> toList(Iterable<Document> documents) {
        List<Delivery> list = new ArrayList<>();
        for (Document document : documents) {
            list.add(toDelivery(document));
        }
        return list;
    }

    static Delivery toDelivery(Document document) {
        List<Attempt> attempts = new ArrayList<>();
        for (Object attempt : document.getList("attempts", Object.class, List.of())) {
            attempts.add(Attempt.from((Document) attempt));
        }
        Date next = document.getDate("nextAttemptAt");
        return new Delivery(
                document.getString("_id"),
                document.getString("groupID"),
                document.getString("channelId"),
                document.getString("eventId"),
                document.getString("eventType"),
                document.getString("itemId"),
                document.getString("collectionId"),
                document.getDate("eventAt").toInstant(),
                DeliveryStatus.parse(document.getString("status")).orElse(DeliveryStatus.UNKNOWN),
                next == null ? null : next.toInstant(),
                document.getInteger("roundStart", 0),
                attempts,
                document.getDate("createdAt").toInstant(),
                Message.from(document.get("message", Document.class)));
    }
}
