package io.vivreal.distribution.feeds;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The control-plane {@code websub_pings} collection: at most one pending ping per feed. Asking
 * again while one is pending only bumps its {@code generation} — that is the coalescing: ten
 * publications in a second make one ping. A ping is claimed with a lease (one sender across
 * instances); when it succeeds it is deleted only if no publication came in meanwhile, otherwise
 * it is due again at once, so the hub always hears about the newest state.
 */
final class WebSubPings implements IndexDefinitions {

    static final String COLLECTION = "websub_pings";
    private static final Date NOT_LEASED = new Date(0);

    /** A claimed ping: the generation it was claimed at and its failed attempts so far. */
    record Claimed(String feedId, String groupID, long generation, int attempts) {}

    private final MongoCollection<Document> pings;

    WebSubPings(ControlPlane controlPlane) {
        this.pings = controlPlane.collection(COLLECTION);
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.of(COLLECTION, new Document("dueAt", 1)));
    }

    /** A publication in the feed: a ping is due now, or the pending one covers it. */
    void request(String feedId, String groupID, Instant now) {
        pings.updateOne(
                eq("_id", feedId),
                Updates.combine(
                        Updates.inc("generation", 1L),
                        Updates.setOnInsert("groupID", groupID),
                        Updates.setOnInsert("dueAt", Date.from(now)),
                        Updates.setOnInsert("attempts", 0),
                        Updates.setOnInsert("leaseUntil", NOT_LEASED)),
                new UpdateOptions().upsert(true));
    }

    /** Claims up to {@code limit} due pings, oldest first, until {@code leaseUntil}. */
    List<Claimed> claim(Instant now, Instant leaseUntil, int limit) {
        List<Document> due = new ArrayList<>();
        pings.find(and(lte("dueAt", Date.from(now)), lte("leaseUntil", Date.from(now))))
                .sort(Sorts.ascending("dueAt"))
                .limit(limit)
                .into(due);
        List<Claimed> claimed = new ArrayList<>();
        for (Document candidate : due) {
            Document won = pings.findOneAndUpdate(
                    and(eq("_id", candidate.getString("_id")), eq("leaseUntil", candidate.getDate("leaseUntil"))),
                    Updates.set("leaseUntil", Date.from(leaseUntil)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (won != null) {
                Number generation = won.get("generation", Number.class);
                Number attempts = won.get("attempts", Number.class);
                claimed.add(new Claimed(
                        won.getString("_id"),
                        won.getString("groupID"),
                        generation == null ? 0 : generation.longValue(),
                        attempts == null ? 0 : attempts.intValue()));
            }
        }
        return claimed;
    }

    /** The hub has it: gone, unless a newer publication asked for another ping meanwhile. */
    void done(Claimed ping, Instant now) {
        if (pings.deleteOne(and(eq("_id", ping.feedId()), eq("generation", ping.generation())))
                        .getDeletedCount()
                == 0) {
            pings.updateOne(
                    eq("_id", ping.feedId()),
                    Updates.combine(
                            Updates.set("dueAt", Date.from(now)),
                            Updates.set("attempts", 0),
                            Updates.set("leaseUntil", NOT_LEASED)));
        }
    }

    /** Tries again at {@code next}. */
    void retry(Claimed ping, Instant next) {
        pings.updateOne(
                eq("_id", ping.feedId()),
                Updates.combine(
                        Updates.set("dueAt", Date.from(next)),
                        Updates.set("attempts", ping.attempts() + 1),
                        Updates.set("leaseUntil", NOT_LEASED)));
    }

    /** Gives the ping up (retries spent, or the feed is gone). */
    void drop(Claimed ping, Instant now) {
        done(ping, now);
    }
}
