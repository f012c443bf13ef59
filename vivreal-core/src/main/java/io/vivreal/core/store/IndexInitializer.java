package io.vivreal.core.store;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import io.vivreal.core.tenancy.TenantStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/** Creates every declared index at start-up, before the server takes requests. */
final class IndexInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IndexInitializer.class);
    private static final int INDEX_OPTIONS_CONFLICT = 85;
    private static final int INDEX_KEY_SPECS_CONFLICT = 86;

    private final ControlPlane controlPlane;
    private final TenantStore tenantStore;
    private final List<IndexDefinitions> definitions;

    IndexInitializer(ControlPlane controlPlane, TenantStore tenantStore, List<IndexDefinitions> definitions) {
        this.controlPlane = controlPlane;
        this.tenantStore = tenantStore;
        this.definitions = definitions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<IndexSpec> tenantIndexes = new ArrayList<>();
        for (IndexDefinitions definition : definitions) {
            for (IndexSpec spec : definition.controlPlane()) {
                create(controlPlane.collection(spec.collection()), spec);
            }
            tenantIndexes.addAll(definition.tenant());
        }
        tenantStore.registerTenantIndexes(tenantIndexes);
        Set<String> databases = new LinkedHashSet<>(List.of("general_shared", "pro_plus"));
        controlPlane.collection("groups").distinct("dbKey", String.class).into(databases);
        databases.forEach(tenantStore::ensureIndexes);
        log.info("indexes ready in the control plane and {} tenant database(s)", databases.size());
    }

    /**
     * Creates an index; one that exists on the same keys with other options (an index that became a
     * TTL index in a later release) is replaced, since MongoDB refuses to hold both.
     */
    static void create(MongoCollection<Document> collection, IndexSpec spec) {
        try {
            collection.createIndex(spec.keys(), spec.options());
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != INDEX_OPTIONS_CONFLICT && e.getErrorCode() != INDEX_KEY_SPECS_CONFLICT) {
                throw e;
            }
            log.info(
                    "replacing an index of {} whose options changed",
                    collection.getNamespace().getCollectionName());
            collection.dropIndex(spec.keys());
            collection.createIndex(spec.keys(), spec.options());
        }
    }
}
