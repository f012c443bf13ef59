package io.vivreal.distribution.payments;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The tenant's {@code orders}: one per Checkout session, written {@code open} when the session is
 * made (with the lines priced from the synced products) and moved to {@code paid} by Stripe's
 * {@code checkout.session.completed}. Every change is a compare-and-set on the state it follows,
 * and the session id is unique per group, so a replayed or concurrent event records nothing twice
 * and {@code confirmationSentAt} is set once: whoever sets it sends the mail.
 */
public final class Orders implements IndexDefinitions {

    static final String COLLECTION = "orders";

    private final TenantStore store;

    public Orders(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.unique(COLLECTION, new Document("groupID", 1).append("stripeSessionId", 1)));
    }

    private TenantCollection orders(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    /** Records a session's order as {@code open}; a session already recorded is left as it is. */
    void recordOpen(
            TenantScope scope, String sessionId, List<Document> lines, long total, String currency, Instant now) {
        insertOnce(
                scope,
                new Document("stripeSessionId", sessionId)
                        .append("status", "open")
                        .append("lines", lines)
                        .append("total", total)
                        .append("currency", currency)
                        .append("email", null)
                        .append("name", null)
                        .append("createdAt", Date.from(now))
                        .append("paidAt", null)
                        .append("confirmationSentAt", null));
    }

    /**
     * Moves the session's order to {@code paid} with the buyer Stripe reports; answers whether this
     * call did it (false for a replay). A session made elsewhere is recorded without lines.
     */
    boolean markPaid(
            TenantScope scope,
            String sessionId,
            String eventId,
            String email,
            String name,
            Long total,
            String currency,
            Instant now) {
        if (orders(scope).findOne(eq("stripeSessionId", sessionId)) == null) {
            insertOnce(
                    scope,
                    new Document("stripeSessionId", sessionId)
                            .append("status", "open")
                            .append("lines", List.of())
                            .append("total", total)
                            .append("currency", currency)
                            .append("createdAt", Date.from(now))
                            .append("confirmationSentAt", null));
        }
        return orders(scope)
                        .updateOne(
                                and(eq("stripeSessionId", sessionId), ne("status", "paid")),
                                Updates.combine(
                                        Updates.set("status", "paid"),
                                        Updates.set("eventId", eventId),
                                        Updates.set("email", email),
                                        Updates.set("name", name),
                                        Updates.set("paidAt", Date.from(now))))
                        .getModifiedCount()
                == 1;
    }

    public Optional<Document> bySession(TenantScope scope, String sessionId) {
        return Optional.ofNullable(orders(scope).findOne(eq("stripeSessionId", sessionId)));
    }

    /** Sets {@code confirmationSentAt} if it is unset; whoever gets true sends the confirmation. */
    boolean claimConfirmation(TenantScope scope, String sessionId, Instant now) {
        return orders(scope)
                        .updateOne(
                                and(eq("stripeSessionId", sessionId), eq("confirmationSentAt", null)),
                                Updates.set("confirmationSentAt", Date.from(now)))
                        .getModifiedCount()
                == 1;
    }

    /** Gives the claim back when the mail could not even be queued, so a later request can send it. */
    void releaseConfirmation(TenantScope scope, String sessionId) {
        orders(scope).updateOne(eq("stripeSessionId", sessionId), Updates.set("confirmationSentAt", null));
    }

    private void insertOnce(TenantScope scope, Document order) {
        try {
            orders(scope).insertOne(order);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
