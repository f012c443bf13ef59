package io.vivreal.core.ratelimit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Fixed-window counters in the control plane ({@code rate_limits}), so a limit holds across every
 * instance sharing the database. One atomic upsert-and-increment per attempt; windows are
 * identified by their start, so counts reset by themselves, and expired windows are swept lazily.
 */
public final class RateLimiter implements IndexDefinitions, Expiring {

    static final String COLLECTION = "rate_limits";

    private final MongoCollection<Document> counters;
    private final Clock clock;

    public RateLimiter(ControlPlane controlPlane, Clock clock) {
        this.counters = controlPlane.collection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.expiring(COLLECTION, "expiresAt"));
    }

    /** The outcome of one attempt: allowed, or refused with when to retry. */
    public record Decision(boolean allowed, long count, Duration retryAfter) {}

    /**
     * Counts one attempt against {@code bucket} and answers whether it is within {@code limit} per
     * {@code window}. {@code bucket} must not contain raw secrets; hash identifiers such as
     * addresses or emails before passing them.
     */
    public Decision attempt(String bucket, long limit, Duration window) {
        Instant now = clock.instant();
        long windowMillis = window.toMillis();
        long start = now.toEpochMilli() / windowMillis * windowMillis;
        Instant end = Instant.ofEpochMilli(start + windowMillis);
        Document counter = counters.findOneAndUpdate(
                eq("_id", bucket + "@" + start),
                Updates.combine(Updates.inc("count", 1L), Updates.setOnInsert("expiresAt", Date.from(end))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long count = counter == null ? 1 : counter.get("count", Number.class).longValue();
        if (count <= limit) {
            return new Decision(true, count, Duration.ZERO);
        }
        return new Decision(false, count, Duration.between(now, end));
    }

    /** Deletes counters of windows that have ended. */
    @Override
    public long sweepExpired() {
        return counters.deleteMany(lt("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }
}
