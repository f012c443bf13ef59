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
import io.vivreal.core.store.CommitBatch;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantScope;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-group usage counters in the control plane ({@code usage}), taken before a write and given
 * back when it fails or is undone. Taking is one conditional increment — {@code value <= limit -
 * amount} — so two concurrent writes can never both pass the last free unit, on any MongoDB.
 *
 * <p>A counter can drift from what is stored (a process killed between taking quota and
 * writing). Before a write is refused, the counter is recounted from its {@link StoredUsage} and
 * corrected, so a drifted counter never refuses what the tier allows; {@code ./vivreal admin
 * recount-usage} corrects every counter at once.
 */
public final class UsageCounters {

    private static final Logger log = LoggerFactory.getLogger(UsageCounters.class);

    static final String COLLECTION = "usage";

    private final MongoCollection<Document> usage;
    private final Map<Quota, StoredUsage> stored = new EnumMap<>(Quota.class);

    public UsageCounters(ControlPlane controlPlane, List<StoredUsage> stored) {
        this.usage = controlPlane.collection(COLLECTION);
        stored.forEach(source -> this.stored.put(source.quota(), source));
    }

    /** Takes {@code amount} of a quota or refuses with 402 naming it. */
    public void acquire(TenantScope scope, Tier tier, Quota quota, long amount) {
        String groupId = scope.groupID();
        long limit = TierLimits.of(tier).limit(quota);
        if (limit == Long.MAX_VALUE) {
            increment(groupId, quota, amount);
            return;
        }
        if (amount > limit) {
            throw exceeded(tier, quota, limit);
        }
        if (!take(groupId, quota, amount, limit) && !(recount(scope, quota) && take(groupId, quota, amount, limit))) {
            throw exceeded(tier, quota, limit);
        }
    }

    /**
     * The conditional increment; only when it matches nothing is the group's counter document
     * created (it exists after the group's first write), so a take is one store write.
     */
    private boolean take(String groupId, Quota quota, long amount, long limit) {
        if (tryTake(groupId, quota, amount, limit)) {
            return true;
        }
        return ensureDocument(groupId) && tryTake(groupId, quota, amount, limit);
    }

    private boolean tryTake(String groupId, Quota quota, long amount, long limit) {
        return CommitBatch.writes(usage)
                        .updateOne(
                                and(eq("_id", groupId), lte(quota.wireName(), limit - amount)),
                                Updates.inc(quota.wireName(), amount))
                        .getModifiedCount()
                == 1;
    }

    /**
     * Sets a counter to what is stored, if something counts it; answers whether it changed. The
     * write is a compare-and-set on the value read, so a concurrent take is never overwritten.
     */
    public boolean recount(TenantScope scope, Quota quota) {
        StoredUsage source = stored.get(quota);
        if (source == null) {
            return false;
        }
        String groupId = scope.groupID();
        ensureDocument(groupId);
        long counted = used(groupId, quota);
        long actual = source.count(scope);
        if (actual == counted) {
            return false;
        }
        boolean corrected = usage.updateOne(
                                and(eq("_id", groupId), eq(quota.wireName(), counted)),
                                Updates.set(quota.wireName(), actual))
                        .getModifiedCount()
                == 1;
        if (corrected) {
            log.warn(
                    "usage counter {} of group {} said {} but {} are stored; corrected",
                    quota.wireName(),
                    groupId,
                    counted,
                    actual);
        }
        return corrected;
    }

    /** The quotas that can be recounted from the store. */
    public Set<Quota> recountable() {
        return stored.keySet();
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
        if (CommitBatch.writes(usage)
                        .updateOne(eq("_id", groupId), Updates.inc(quota.wireName(), amount))
                        .getMatchedCount()
                == 0) {
            ensureDocument(groupId);
            CommitBatch.writes(usage).updateOne(eq("_id", groupId), Updates.inc(quota.wireName(), amount));
        }
    }

    /** Creates the group's counters at zero unless they exist; answers true (for chaining). */
    private boolean ensureDocument(String groupId) {
        Document zeros = new Document();
        for (Quota quota : Quota.values()) {
            zeros.append(quota.wireName(), 0L);
        }
        CommitBatch.writes(usage)
                .updateOne(eq("_id", groupId), new Document("$setOnInsert", zeros), new UpdateOptions().upsert(true));
        return true;
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
            case SITES -> "sites";
            case CONNECTED_ACCOUNTS -> "connected social accounts";
            case POSTS_PER_MONTH -> "posts per month";
        };
    }
}
