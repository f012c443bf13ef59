package io.vivreal.core.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.tenancy.TenantStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects to the store: the external MongoDB named by {@code VIVREAL_MONGODB_URI}, or else the
 * embedded one under the data directory. Timeouts are short so that when the store is gone the
 * authorizer fails closed within seconds instead of holding requests.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedStoreHandle embeddedStore(VivrealProperties properties) {
        if (!properties.mongodbUri().isBlank()) {
            return new EmbeddedStoreHandle(null);
        }
        return new EmbeddedStoreHandle(EmbeddedMongoStore.start(properties.dataDir()));
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(
            VivrealProperties properties, EmbeddedStoreHandle embedded, ObjectProvider<CommandListener> listeners) {
        String uri = embedded.store() != null ? embedded.store().connectionString() : properties.mongodbUri();
        MongoClientSettings.Builder settings = builder(uri);
        // store operation latency for metrics, when the assembled application provides a listener
        listeners.orderedStream().forEach(settings::addCommandListener);
        return MongoClients.create(settings.build());
    }

    public static MongoClientSettings settings(String uri) {
        return builder(uri).build();
    }

    private static MongoClientSettings.Builder builder(String uri) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(
                        socket -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS));
    }

    @Bean
    ControlPlane controlPlane(MongoClient client, VivrealProperties properties) {
        return new ControlPlane(client.getDatabase(properties.controlPlaneDatabase()));
    }

    /** Defers commits within a request only on the embedded store; see {@link CommitBatch}. */
    @Bean
    CommitBatch commitBatch(MongoClient client, EmbeddedStoreHandle embedded) {
        return embedded.store() != null ? new CommitBatch(client.getDatabase("admin")) : CommitBatch.none();
    }

    @Bean
    TenantStore tenantStore(MongoClient client) {
        return new TenantStore(client);
    }

    @Bean
    IndexInitializer indexInitializer(
            ControlPlane controlPlane, TenantStore tenantStore, ObjectProvider<IndexDefinitions> definitions) {
        return new IndexInitializer(
                controlPlane,
                tenantStore,
                List.copyOf(definitions.orderedStream().toList()));
    }

    /** Lets the embedded store be absent while still being closed after the client. */
    static final class EmbeddedStoreHandle implements AutoCloseable {
        private final EmbeddedMongoStore store;

        EmbeddedStoreHandle(EmbeddedMongoStore store) {
            this.store = store;
        }

        EmbeddedMongoStore store() {
            return store;
        }

        @Override
        public void close() {
            if (store != null) {
                store.close();
            }
        }
    }
}
