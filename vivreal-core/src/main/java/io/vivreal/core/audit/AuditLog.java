package io.vivreal.core.audit;

import com.mongodb.client.model.Sorts;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The group's audit log, kept in its tenant database. Entries name the action, the actor and the
 * entity, never a secret value.
 */
public final class AuditLog implements IndexDefinitions {

    static final String COLLECTION = "audit_logs";

    private final TenantStore store;
    private final Clock clock;

    public AuditLog(TenantStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.of(COLLECTION, new Document("groupID", 1).append("at", -1)));
    }

    public void record(TenantScope scope, String action, String actor, String entityType, String entityId) {
        store.collection(scope, COLLECTION)
                .insertOne(new Document("action", action)
                        .append("actor", actor)
                        .append("entityType", entityType)
                        .append("entityId", entityId)
                        .append("at", Date.from(clock.instant())));
    }

    /** Newest first. */
    public List<AuditEntry> list(TenantScope scope, int limit, int skip) {
        List<AuditEntry> entries = new ArrayList<>();
        for (Document document : store.collection(scope, COLLECTION)
                .find(null)
                .sort(Sorts.orderBy(Sorts.descending("at"), Sorts.descending("_id")))
                .skip(skip)
                .limit(limit)) {
            entries.add(new AuditEntry(
                    document.getString("action"),
                    document.getString("actor"),
                    document.getString("entityType"),
                    document.getString("entityId"),
                    document.getDate("at").toInstant()));
        }
        return entries;
    }
}
