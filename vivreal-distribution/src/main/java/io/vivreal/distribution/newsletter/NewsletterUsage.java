package io.vivreal.distribution.newsletter;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Newsletter recipients per group and calendar month (UTC) in the control plane ({@code
 * newsletter_usage}, one document per group and month). A recipient is counted when it is taken —
 * one conditional increment, {@code value <= limit - 1} — so two workers can never both pass the
 * last one, and nothing is sent past the tier's limit. A month's document is deleted {@link
 * #RETENTION} after it was made.
 */
final class NewsletterUsage implements IndexDefinitions, Expiring {

    static final Duration RETENTION = Duration.ofDays(70);

    static final String COLLECTION = "newsletter_usage";

    private final MongoCollection<Document> usage;
    private final Clock clock;

    NewsletterUsage(ControlPlane controlPlane, Clock clock) {
        this.usage = controlPlane.collection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.expiring(COLLECTION, "expiresAt"));
    }

    @Override
    public long sweepExpired() {
        return usage.deleteMany(com.mongodb.client.model.Filters.lt("expiresAt", Date.from(clock.instant())))
                .getDeletedCount();
    }

    private String key(String groupId) {
        return groupId + "|" + YearMonth.now(clock.withZone(ZoneOffset.UTC));
    }

    long used(String groupId) {
        Document document = usage.find(eq("_id", key(groupId))).first();
        Number value = document == null ? null : document.get("recipients", Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** Takes one recipient of this month's allowance; false when the limit is reached. */
    boolean take(String groupId, long limit) {
        String key = key(groupId);
        usage.updateOne(
                eq("_id", key),
                new Document(
                        "$setOnInsert",
                        new Document("recipients", 0L)
                                .append("groupID", groupId)
                                .append("expiresAt", Date.from(clock.instant().plus(RETENTION)))),
                new UpdateOptions().upsert(true));
        return usage.updateOne(and(eq("_id", key), lte("recipients", limit - 1)), Updates.inc("recipients", 1L))
                        .getModifiedCount()
                == 1;
    }

    /** Gives one back (the mail server was not reached, or the recipient was already marked). */
    void release(String groupId) {
        usage.updateOne(eq("_id", key(groupId)), Updates.inc("recipients", -1L));
    }
}
