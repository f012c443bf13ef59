package io.vivreal.core.tenancy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.vivreal.core.store.IndexSpec;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only way into tenant databases. A collection is handed out for a {@link TenantScope} and
 * nothing else; the database is the scope's {@code dbKey}, fixed on the group when it was made.
 */
public final class TenantStore {

    private final MongoClient client;
    private final Set<String> indexedDatabases = ConcurrentHashMap.newKeySet();
    private volatile List<IndexSpec> tenantIndexes = List.of();

    public TenantStore(MongoClient client) {
        this.client = client;
    }

    public TenantCollection collection(TenantScope scope, String name) {
        Objects.requireNonNull(scope, "a tenant collection needs a tenant scope");
        MongoDatabase database = client.getDatabase(scope.dbKey());
        return new TenantCollection(database.getCollection(name), scope);
    }

    public void registerTenantIndexes(List<IndexSpec> indexes) {
        this.tenantIndexes = List.copyOf(indexes);
        indexedDatabases.clear();
    }

    /** Creates the tenant indexes in a database, once per process; idempotent in the store too. */
    public void ensureIndexes(String dbKey) {
        if (!indexedDatabases.add(dbKey)) {
            return;
        }
        MongoDatabase database = client.getDatabase(dbKey);
        for (IndexSpec spec : tenantIndexes) {
            database.getCollection(spec.collection()).createIndex(spec.keys(), spec.options());
        }
    }
}
