package io.vivreal.content.contact;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.mail.EmailAddresses;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The addresses a group's contact forms may write to, one document per group in the tenant's
 * {@code contact_addresses} collection.
 *
 * <p>This list is what keeps {@code sendContactEmail} from being an open relay: a public form with
 * the group's key can only ever reach an address an owner or admin typed here. Each address is
 * checked as a single plain address (no display name, no list, no line break), at most {@value
 * #MAX_ADDRESSES}, kept in the order given without repeats.
 */
public final class ContactAddresses {

    public static final String COLLECTION = "contact_addresses";
    public static final int MAX_ADDRESSES = 10;

    private final TenantStore store;
    private final AuditLog audit;
    private final Clock clock;

    public ContactAddresses(TenantStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    private TenantCollection collection(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    private static String id(TenantScope scope) {
        return "contact:" + scope.groupID();
    }

    /** The group's contact addresses, as they were set; empty when none were. */
    public List<String> list(TenantScope scope) {
        Document document = collection(scope).findOne(eq("_id", id(scope)));
        if (document == null || !(document.get("addresses") instanceof List<?> stored)) {
            return List.of();
        }
        return stored.stream()
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .toList();
    }

    /**
     * The configured address {@code to} names (compared in {@link EmailAddresses#normalise normal
     * form}), or {@code null} when it is none of them.
     */
    public String match(TenantScope scope, String to) {
        if (!EmailAddresses.valid(to)) {
            return null;
        }
        String wanted = EmailAddresses.normalise(to);
        for (String address : list(scope)) {
            if (EmailAddresses.normalise(address).equals(wanted)) {
                return address;
            }
        }
        return null;
    }

    /** Replaces the list with {@code body.addresses}; answers the stored list. */
    public List<String> replace(Group group, String actorId, Map<String, Object> body) {
        List<String> addresses = parse(body);
        TenantCollection collection = collection(group.scope());
        String id = id(group.scope());
        Date now = Date.from(clock.instant());
        if (collection
                        .updateOne(
                                eq("_id", id),
                                Updates.combine(Updates.set("addresses", addresses), Updates.set("updatedAt", now)))
                        .getMatchedCount()
                == 0) {
            try {
                collection.insertOne(
                        new Document("_id", id).append("addresses", addresses).append("updatedAt", now));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                // another request created it first: this one's list is the newer write
                collection.updateOne(
                        eq("_id", id),
                        Updates.combine(Updates.set("addresses", addresses), Updates.set("updatedAt", now)));
            }
        }
        audit.record(group.scope(), "contact_addresses.updated", actorId, "group", group.id());
        return addresses;
    }

    static List<String> parse(Map<String, Object> body) {
        if (body == null || !(body.get("addresses") instanceof List<?> raw)) {
            throw DomainException.invalid("addresses", "addresses must be a list of e-mail addresses");
        }
        for (String key : body.keySet()) {
            if (!key.equals("addresses")) {
                throw DomainException.invalid(key, key + ": unknown property");
            }
        }
        if (raw.size() > MAX_ADDRESSES) {
            throw DomainException.invalid("addresses", "at most " + MAX_ADDRESSES + " contact addresses");
        }
        Map<String, String> unique = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!(raw.get(i) instanceof String address) || !EmailAddresses.valid(address)) {
                throw DomainException.invalid(
                        "addresses[" + i + "]",
                        "addresses[" + i + "] must be a single e-mail address like team@example.com");
            }
            unique.putIfAbsent(EmailAddresses.normalise(address), address.strip());
        }
        return new ArrayList<>(unique.values());
    }
}
