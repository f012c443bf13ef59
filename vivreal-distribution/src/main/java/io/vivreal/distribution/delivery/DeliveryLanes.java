package io.vivreal.distribution.delivery;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The work queue's index, in the control plane: one lane per channel, saying when its next
 * delivery is due ({@code dueAt}) and who holds it ({@code leaseOwner} until {@code leaseUntil}).
 * A worker claims a whole lane with one atomic update and sends that channel's deliveries in event
 * order, so one channel is never sent to by two workers or two instances at once. A lane holds
 * ids and times only — the deliveries themselves stay in the tenant's database.
 *
 * <p>{@code signal} counts fan-outs into the lane: a worker releasing a lane compares it with the
 * value it claimed at, so a delivery added while it worked is never left without a due time.
 */
final class DeliveryLanes implements IndexDefinitions {

    static final String COLLECTION = "delivery_lanes";
    /** "Nothing due": a date rather than null, because {@code $min} orders null before every date. */
    static final Instant IDLE = Instant.parse("9999-01-01T00:00:00Z");

    private static final Date FREE = new Date(0);

    record Lane(String channelId, TenantScope scope, Instant dueAt, long signal) {}

    private final MongoCollection<Document> lanes;

    DeliveryLanes(ControlPlane controlPlane) {
        this.lanes = controlPlane.collection(COLLECTION);
    }

    /** Channels with deliveries due (held or not) and how long the oldest has been due: for metrics. */
    DeliveryEngine.Backlog backlog(Instant now) {
        long due = lanes.countDocuments(lte("dueAt", Date.from(now)));
        Document oldest = lanes.find(lte("dueAt", Date.from(now)))
                .sort(Sorts.ascending("dueAt"))
                .limit(1)
                .first();
        return new DeliveryEngine.Backlog(
                due,
                oldest == null
                        ? Duration.ZERO
                        : Duration.between(oldest.getDate("dueAt").toInstant(), now));
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.of(COLLECTION, new Document("dueAt", 1).append("leaseUntil", 1)));
    }

    /** Makes the lane due no later than {@code dueAt}, creating it on the first delivery. */
    void signal(TenantScope scope, String channelId, Instant dueAt) {
        lanes.updateOne(
                eq("_id", channelId),
                Updates.combine(
                        Updates.setOnInsert("groupID", scope.groupID()),
                        Updates.setOnInsert("dbKey", scope.dbKey()),
                        Updates.setOnInsert("leaseUntil", FREE),
                        Updates.min("dueAt", Date.from(dueAt)),
                        Updates.inc("signal", 1L)),
                new UpdateOptions().upsert(true));
    }

    /** Lanes due now and not held, soonest first. */
    List<Lane> due(Instant now, int limit) {
        List<Lane> found = new ArrayList<>();
        for (Document document : lanes.find(and(lte("dueAt", Date.from(now)), lt("leaseUntil", Date.from(now))))
                .sort(Sorts.ascending("dueAt"))
                .limit(limit)) {
            found.add(toLane(document));
        }
        return found;
    }

    /** Takes the lane for {@code lease} if it is still due and free; answers it as claimed. */
    Optional<Lane> claim(String channelId, String owner, Instant now, Duration lease) {
        Document claimed = lanes.findOneAndUpdate(
                and(eq("_id", channelId), lte("dueAt", Date.from(now)), lt("leaseUntil", Date.from(now))),
                Updates.combine(
                        Updates.set("leaseOwner", owner), Updates.set("leaseUntil", Date.from(now.plus(lease)))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(DeliveryLanes::toLane);
    }

    /** Extends a held lease; false when the lane is no longer this owner's. */
    boolean extend(String channelId, String owner, Instant until) {
        return lanes.updateOne(
                                and(eq("_id", channelId), eq("leaseOwner", owner)),
                                Updates.set("leaseUntil", Date.from(until)))
                        .getMatchedCount()
                == 1;
    }

    /**
     * Gives the lane back, due at {@code next}; if a fan-out signalled it meanwhile it is due at
     * once instead, so that delivery is picked up.
     */
    void release(Lane lane, String owner, Instant next, Instant now) {
        boolean unchanged = lanes.updateOne(
                                and(eq("_id", lane.channelId()), eq("leaseOwner", owner), eq("signal", lane.signal())),
                                Updates.combine(
                                        Updates.set("dueAt", Date.from(next)),
                                        Updates.set("leaseUntil", FREE),
                                        Updates.set("leaseOwner", null)))
                        .getMatchedCount()
                == 1;
        if (!unchanged) {
            lanes.updateOne(
                    and(eq("_id", lane.channelId()), eq("leaseOwner", owner)),
                    Updates.combine(
                            Updates.set("dueAt", Date.from(next.isBefore(now) ? next : now)),
                            Updates.set("leaseUntil", FREE),
                            Updates.set("leaseOwner", null)));
        }
    }

    void delete(String channelId) {
        lanes.deleteOne(eq("_id", channelId));
    }

    private static Lane toLane(Document document) {
        Number signal = document.get("signal", Number.class);
        return new Lane(
                document.getString("_id"),
                new TenantScope(document.getString("groupID"), document.getString("dbKey")),
                document.getDate("dueAt").toInstant(),
                signal == null ? 0 : signal.longValue());
    }
}
