package io.vivreal.core.quota;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Tier;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.store.ControlPlane;
import org.bson.Document;

/**
 * Per-group usage counters in the control plane ({@code usage}), taken before a write and given
 * back when it fails or is undone. Taking is one conditional increment — {@code value <= limit -
 * amount} — so two concurrent writes can never both pass the last free unit, on any MongoDB.
 */
public final class UsageCounters {

    static final String COLLECTION = "usage";

    private final MongoCollection<Document> usage;

    public UsageCounters(ControlPlane controlPlane) {
        this.usage = controlPlane.collection(COLLECTION);
    }

    /** Takes {@code amount} of a quota or refuses with 402 naming it. */
    public void acquire(String groupId, Tier tier, Quota quota, long amount) {
        long limit = TierLimits.of(tier).limit(quota);
        if (limit == Long.MAX_VALUE) {
            increment(groupId, quota, amount);
            return;
        }
        ensureDocument(groupId);
        boolean taken = amount <= limit
                && usage.updateOne(
                                        and(eq("_id", groupId), lte(quota.wireName(), limit - amount)),
                                        Updates.inc(quota.wireName(), amount))
                                .getModifiedCount()
                        == 1;
        if (!taken) {
            throw exceeded(tier, quota, limit);
        }
    }

    public void release(String groupId, Quota quota, long amount) {
        increment(groupId, quota, -amount);
    }

    public long used(String groupId, Quota quota) {
        Document document = usage.find(eq("_id", groupId)).first();
        Number value = document == null ? null : document.get(quota.wireName(), Number.class);
        return value == null ? 0 : value.longValue();
    }

    private void increment(String groupId, Quota quota, long amount) {
        ensureDocument(groupId);
        usage.updateOne(eq("_id", groupId), Updates.inc(quota.wireName(), amount));
    }

    private void ensureDocument(String groupId) {
        Document zeros = new Document();
        for (Quota quota : Quota.values()) {
            zeros.append(quota.wireName(), 0L);
        }
        usage.updateOne(eq("_id", groupId), new Document("$setOnInsert", zeros), new UpdateOptions().upsert(true));
    }

    public static DomainException exceeded(Tier tier, Quota quota, long limit) {
        return new DomainException(
                DomainException.Kind.PAYMENT_REQUIRED,
                "quota_exceeded",
                "the " + tier.wireName() + " tier allows " + limit + " " + describe(quota) + "; upgrade for more",
                quota.wireName());
    }

    private static String describe(Quota quota) {
        return switch (quota) {
            case CONTENT_ITEMS -> "content items";
            case CONTENT_TYPES -> "content types";
            case SEATS -> "members";
            case MEDIA_BYTES -> "bytes of media";
            case SUBMISSIONS_PER_DAY -> "form submissions per day";
        };
    }
}
