package io.vivreal.content.subscribers;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vivreal.core.mail.EmailAddresses;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Subscribers in the tenant's {@code newsletter_subscribers} collection, one per group, content
 * type and normalised address (a unique index), so a repeated sign-up finds the same record.
 * Status changes are compare-and-set on the state they leave.
 */
public final class SubscriberRepository implements IndexDefinitions {

    public static final String COLLECTION = "newsletter_subscribers";

    private final TenantStore store;

    public SubscriberRepository(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(
                IndexSpec.unique(
                        COLLECTION,
                        new Document("groupID", 1).append("typeId", 1).append("emailKey", 1)),
                IndexSpec.of(
                        COLLECTION,
                        new Document("groupID", 1).append("typeId", 1).append("status", 1)));
    }

    private TenantCollection subscribers(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    /** The subscriber of this address, created {@code pending} when there is none. */
    Subscriber findOrCreate(TenantScope scope, String typeId, String email, Instant now) {
        String key = EmailAddresses.normalise(email);
        Optional<Subscriber> existing = byAddress(scope, typeId, key);
        if (existing.isPresent()) {
            return existing.get();
        }
        ObjectId id = new ObjectId();
        try {
            subscribers(scope)
                    .insertOne(new Document("_id", id)
                            .append("typeId", typeId)
                            .append("email", email.strip())
                            .append("emailKey", key)
                            .append("status", SubscriberStatus.PENDING.wire())
                            .append("createdAt", Date.from(now)));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return byAddress(scope, typeId, key).orElseThrow();
    }

    private Optional<Subscriber> byAddress(TenantScope scope, String typeId, String emailKey) {
        return Optional.ofNullable(subscribers(scope).findOne(and(eq("typeId", typeId), eq("emailKey", emailKey))))
                .map(SubscriberRepository::toSubscriber);
    }

    public Optional<Subscriber> find(TenantScope scope, String id) {
        if (id == null || !ObjectId.isValid(id) || id.length() != 24) {
            return Optional.empty();
        }
        return Optional.ofNullable(subscribers(scope).findOne(eq("_id", new ObjectId(id))))
                .map(SubscriberRepository::toSubscriber);
    }

    /**
     * Takes the right to send this subscriber a confirmation mail: true at most once per {@code
     * every}, however many sign-ups arrive at once (one conditional update).
     */
    boolean claimConfirmationMail(TenantScope scope, String id, Instant now, Duration every) {
        Bson due = or(eq("lastMailAt", null), lt("lastMailAt", Date.from(now.minus(every))));
        return subscribers(scope)
                        .updateOne(and(eq("_id", new ObjectId(id)), due), Updates.set("lastMailAt", Date.from(now)))
                        .getModifiedCount()
                == 1;
    }

    /** An unsubscribed address that signs up again starts over at {@code pending}. */
    void reopen(TenantScope scope, String id) {
        subscribers(scope)
                .updateOne(
                        and(eq("_id", new ObjectId(id)), eq("status", SubscriberStatus.UNSUBSCRIBED.wire())),
                        Updates.combine(
                                Updates.set("status", SubscriberStatus.PENDING.wire()),
                                Updates.unset("unsubscribedAt")));
    }

    boolean confirm(TenantScope scope, String id, Instant now) {
        return subscribers(scope)
                        .updateOne(
                                and(eq("_id", new ObjectId(id)), eq("status", SubscriberStatus.PENDING.wire())),
                                Updates.combine(
                                        Updates.set("status", SubscriberStatus.CONFIRMED.wire()),
                                        Updates.set("confirmedAt", Date.from(now))))
                        .getModifiedCount()
                == 1;
    }

    boolean unsubscribe(TenantScope scope, String id, Instant now) {
        return subscribers(scope)
                        .updateOne(
                                and(
                                        eq("_id", new ObjectId(id)),
                                        Filters.ne("status", SubscriberStatus.UNSUBSCRIBED.wire())),
                                Updates.combine(
                                        Updates.set("status", SubscriberStatus.UNSUBSCRIBED.wire()),
                                        Updates.set("unsubscribedAt", Date.from(now))))
                        .getModifiedCount()
                == 1;
    }

    boolean delete(TenantScope scope, String id) {
        return ObjectId.isValid(id)
                && id.length() == 24
                && subscribers(scope).deleteOne(eq("_id", new ObjectId(id))).getDeletedCount() == 1;
    }

    /** Confirmed subscribers of a type, in a stable order (by id), {@code limit} after {@code afterId}. */
    public List<Subscriber> confirmed(TenantScope scope, String typeId, String afterId, int limit) {
        Bson filter = and(eq("typeId", typeId), eq("status", SubscriberStatus.CONFIRMED.wire()));
        if (afterId != null) {
            filter = and(filter, Filters.gt("_id", new ObjectId(afterId)));
        }
        return list(subscribers(scope).find(filter).sort(Sorts.ascending("_id")).limit(limit));
    }

    public long countConfirmed(TenantScope scope, String typeId) {
        return subscribers(scope).count(and(eq("typeId", typeId), eq("status", SubscriberStatus.CONFIRMED.wire())));
    }

    List<Subscriber> page(TenantScope scope, Bson filter, int skip, int limit) {
        return list(subscribers(scope)
                .find(filter)
                .sort(Sorts.ascending("_id"))
                .skip(skip)
                .limit(limit));
    }

    /** The next {@code limit} after {@code afterId} (by id), so an export never re-reads what it skipped. */
    List<Subscriber> after(TenantScope scope, Bson filter, String afterId, int limit) {
        Bson next = afterId == null ? filter : Filters.gt("_id", new ObjectId(afterId));
        if (afterId != null && filter != null) {
            next = and(filter, next);
        }
        return list(subscribers(scope).find(next).sort(Sorts.ascending("_id")).limit(limit));
    }

    long count(TenantScope scope, Bson filter) {
        return subscribers(scope).count(filter);
    }

    private static List<Subscriber> list(Iterable<Document> documents) {
        List<Subscriber> out = new ArrayList<>();
        for (Document document : documents) {
            out.add(toSubscriber(document));
        }
        return out;
    }

    static Subscriber toSubscriber(Document document) {
        return new Subscriber(
                document.getObjectId("_id").toHexString(),
                document.getString("groupID"),
                document.getString("typeId"),
                document.getString("email"),
                SubscriberStatus.parse(document.getString("status")).orElse(SubscriberStatus.PENDING),
                document.getDate("createdAt").toInstant(),
                instant(document.getDate("confirmedAt")),
                instant(document.getDate("unsubscribedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
