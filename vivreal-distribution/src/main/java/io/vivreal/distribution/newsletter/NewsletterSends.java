package io.vivreal.distribution.newsletter;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * One record per recipient and item ({@code newsletter_sends}), whose id is {@code
 * <item>:<subscriber>} — unique by construction, on every store. It is written <em>before</em> the
 * mail goes to the SMTP server and never written twice, so whatever crashes or repeats, a
 * recipient is sent an item at most once. The price: a crash between the mark and the send loses
 * that one mail (it stays {@code marked}, visible in the store). Records are kept {@link
 * #RETENTION} (TTL index on {@code expiresAt}; swept on the embedded store).
 */
final class NewsletterSends implements IndexDefinitions, Expiring {

    static final String COLLECTION = "newsletter_sends";
    static final Duration RETENTION = Duration.ofDays(400);
    private static final int GROUPS_PER_PAGE = 100;

    private final TenantStore store;
    private final GroupRepository groups;
    private final Clock clock;

    NewsletterSends(TenantStore store, GroupRepository groups, Clock clock) {
        this.store = store;
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(
                IndexSpec.of(COLLECTION, new Document("groupID", 1).append("itemId", 1)),
                IndexSpec.expiring(COLLECTION, "expiresAt"));
    }

    /** The embedded store has no TTL monitor: delete expired records group by group. */
    @Override
    public long sweepExpired() {
        long deleted = 0;
        Optional<String> after = Optional.empty();
        while (true) {
            List<TenantScope> scopes = groups.tenantScopes(after, GROUPS_PER_PAGE);
            if (scopes.isEmpty()) {
                return deleted;
            }
            for (TenantScope scope : scopes) {
                deleted += sends(scope)
                        .deleteMany(com.mongodb.client.model.Filters.lt("expiresAt", Date.from(clock.instant())))
                        .getDeletedCount();
            }
            after = Optional.of(scopes.get(scopes.size() - 1).groupID());
        }
    }

    private TenantCollection sends(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    private static String id(String itemId, String subscriberId) {
        return itemId + ":" + subscriberId;
    }

    boolean marked(TenantScope scope, String itemId, String subscriberId) {
        return sends(scope).findOne(eq("_id", id(itemId, subscriberId))) != null;
    }

    /** Marks the recipient as being sent the item; false when someone already did (never send then). */
    boolean mark(TenantScope scope, String itemId, String subscriberId, String deliveryId, Instant now) {
        try {
            sends(scope)
                    .insertOne(new Document("_id", id(itemId, subscriberId))
                            .append("itemId", itemId)
                            .append("subscriberId", subscriberId)
                            .append("deliveryId", deliveryId)
                            .append("status", "marked")
                            .append("markedAt", Date.from(now))
                            .append("expiresAt", Date.from(now.plus(RETENTION))));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    void finish(TenantScope scope, String itemId, String subscriberId, String status) {
        sends(scope)
                .updateOne(
                        and(eq("_id", id(itemId, subscriberId)), eq("status", "marked")),
                        Updates.set("status", status));
    }

    /** Takes a mark back: only when the mail server is known not to have the message. */
    void unmark(TenantScope scope, String itemId, String subscriberId) {
        sends(scope).deleteOne(and(eq("_id", id(itemId, subscriberId)), eq("status", "marked")));
    }

    long count(TenantScope scope, String itemId) {
        return sends(scope).count(eq("itemId", itemId));
    }
}
