package io.vivreal.core.tenancy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.vivreal.core.store.IndexSpec;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;

/**
 * The only way into tenant databases. A collection is handed out for a {@link TenantScope} and
 * nothing else; the database is the scope's {@code dbKey}, fixed on the group when it was made.
 */
public final class TenantStore {

    private static final String WRITES_COMMAND = "vivrealWrites";
    private static final int COMMAND_NOT_FOUND = 59;

    private final MongoClient client;
    private final Set<String> indexedDatabases = ConcurrentHashMap.newKeySet();
    private volatile List<IndexSpec> tenantIndexes = List.of();
    private volatile boolean stampsUnsupported;

    public TenantStore(MongoClient client) {
        this.client = client;
    }

    public TenantCollection collection(TenantScope scope, String name) {
        Objects.requireNonNull(scope, "a tenant collection needs a tenant scope");
        MongoDatabase database = client.getDatabase(scope.dbKey());
        return new TenantCollection(database.getCollection(name), scope);
    }

    /**
     * A number that changes whenever the group's documents in the collection are written, by any
     * instance, or empty where the store cannot tell (a real MongoDB; the embedded store answers it,
     * see {@code WriteStamps}). Equal stamps mean nothing of the group was written in between; a
     * different one only that something may have been.
     */
    public OptionalLong writeStamp(TenantScope scope, String name) {
        Objects.requireNonNull(scope, "a tenant collection needs a tenant scope");
        if (stampsUnsupported) {
            return OptionalLong.empty();
        }
        try {
            Document answer = client.getDatabase(scope.dbKey())
                    .runCommand(new Document(WRITES_COMMAND, name).append(TenantCollection.GROUP_ID, scope.groupID()));
            return answer.get("stamp") instanceof Number stamp
                    ? OptionalLong.of(stamp.longValue())
                    : OptionalLong.empty();
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == COMMAND_NOT_FOUND) {
                stampsUnsupported = true;
            }
            return OptionalLong.empty();
        }
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
