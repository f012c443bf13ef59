package io.vivreal.core.store;

import io.vivreal.core.tenancy.TenantStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/** Creates every declared index at start-up, before the server takes requests. */
final class IndexInitializer implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(IndexInitializer.class);

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
                controlPlane.collection(spec.collection()).createIndex(spec.keys(), spec.options());
            }
            tenantIndexes.addAll(definition.tenant());
        }
        tenantStore.registerTenantIndexes(tenantIndexes);
        Set<String> databases = new LinkedHashSet<>(List.of("general_shared", "pro_plus"));
        controlPlane.collection("groups").distinct("dbKey", String.class).into(databases);
        databases.forEach(tenantStore::ensureIndexes);
        log.info("indexes ready in the control plane and {} tenant database(s)", databases.size());
    }
}
