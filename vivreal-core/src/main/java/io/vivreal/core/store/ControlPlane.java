package io.vivreal.core.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * The control-plane database: groups, users and other data that belongs to no single tenant.
 * Tenant content never lives here; it is reached only through {@link
 * io.vivreal.core.tenancy.TenantStore}.
 */
public final class ControlPlane {

    private final MongoDatabase database;

    public ControlPlane(MongoDatabase database) {
        this.database = database;
    }

    public String databaseName() {
        return database.getName();
    }

    public MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    /** Answers whether the store answers a ping; used by health checks. */
    public boolean ping() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
