package io.vivreal.distribution.connections;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Connections in the tenant collection {@code channel_connections}, one per channel ({@code _id}
 * is the channel's id), reached only through a tenant scope. Every write that changes tokens or
 * status is a compare-and-set on {@code revision}.
 */
final class ConnectionRepository {

    static final String COLLECTION = "channel_connections";

    private final TenantStore store;

    ConnectionRepository(TenantStore store) {
        this.store = store;
    }

    TenantCollection connections(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    static boolean isId(String id) {
        return id != null && id.length() == 24 && ObjectId.isValid(id);
    }

    Optional<StoredConnection> find(TenantScope scope, String channelId) {
        if (!isId(channelId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(connections(scope).findOne(eq("_id", new ObjectId(channelId))))
                .map(ConnectionRepository::toConnection);
    }

    /** Stores a fresh connection over whatever the channel had (a reconnect replaces it). */
    void connect(TenantScope scope, StoredConnection connection) {
        Bson changes = Updates.combine(
                Updates.set("status", connection.status().wire()),
                Updates.set("accountId", connection.accountId()),
                Updates.set("accountHandle", connection.accountHandle()),
                Updates.set("accessToken", connection.accessToken()),
                Updates.set("refreshToken", connection.refreshToken()),
                Updates.set("expiresAt", date(connection.expiresAt())),
                Updates.set("refreshExpiresAt", date(connection.refreshExpiresAt())),
                Updates.set("connectedAt", date(connection.connectedAt())),
                Updates.set("updatedAt", date(connection.updatedAt())),
                Updates.unset("refreshingUntil"),
                Updates.inc("revision", 1L));
        ObjectId id = new ObjectId(connection.channelId());
        if (connections(scope).updateOne(eq("_id", id), changes).getMatchedCount() == 1) {
            return;
        }
        try {
            connections(scope)
                    .insertOne(new Document("_id", id)
                            .append("status", connection.status().wire())
                            .append("accountId", connection.accountId())
                            .append("accountHandle", connection.accountHandle())
                            .append("accessToken", connection.accessToken())
                            .append("refreshToken", connection.refreshToken())
                            .append("expiresAt", date(connection.expiresAt()))
                            .append("refreshExpiresAt", date(connection.refreshExpiresAt()))
                            .append("connectedAt", date(connection.connectedAt()))
                            .append("updatedAt", date(connection.updatedAt()))
                            .append("revision", 1L));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            connections(scope).updateOne(eq("_id", id), changes); // a concurrent connect inserted first
        }
    }

    /** Claims the right to refresh the token of {@code revision} until {@code until}; one claimant wins. */
    boolean claimRefresh(TenantScope scope, String channelId, long revision, Instant now, Instant until) {
        return connections(scope)
                        .updateOne(
                                and(
                                        eq("_id", new ObjectId(channelId)),
                                        eq("revision", revision),
                                        eq("status", ConnectionStatus.CONNECTED.wire()),
                                        or(eq("refreshingUntil", null), lt("refreshingUntil", Date.from(now)))),
                                Updates.set("refreshingUntil", Date.from(until)))
                        .getModifiedCount()
                == 1;
    }

    /** Stores refreshed tokens if nothing changed since the claim at {@code revision}. */
    boolean refreshed(
            TenantScope scope,
            String channelId,
            long revision,
            String accessToken,
            String refreshToken,
            Instant expiresAt,
            Instant refreshExpiresAt,
            Instant now) {
        return connections(scope)
                        .updateOne(
                                and(eq("_id", new ObjectId(channelId)), eq("revision", revision)),
                                Updates.combine(
                                        Updates.set("accessToken", accessToken),
                                        Updates.set("refreshToken", refreshToken),
                                        Updates.set("expiresAt", date(expiresAt)),
                                        Updates.set("refreshExpiresAt", date(refreshExpiresAt)),
                                        Updates.set("updatedAt", Date.from(now)),
                                        Updates.unset("refreshingUntil"),
                                        Updates.set("revision", revision + 1)))
                        .getModifiedCount()
                == 1;
    }

    /** Gives up a refresh claim without changing the tokens (the provider could not be reached). */
    void releaseRefresh(TenantScope scope, String channelId, long revision) {
        connections(scope)
                .updateOne(
                        and(eq("_id", new ObjectId(channelId)), eq("revision", revision)),
                        Updates.unset("refreshingUntil"));
    }

    /** Marks the connection of {@code revision} as needing a person to connect again. */
    boolean needsReconnect(TenantScope scope, String channelId, long revision, Instant now) {
        return connections(scope)
                        .updateOne(
                                and(
                                        eq("_id", new ObjectId(channelId)),
                                        eq("revision", revision),
                                        eq("status", ConnectionStatus.CONNECTED.wire())),
                                Updates.combine(
                                        Updates.set("status", ConnectionStatus.NEEDS_RECONNECT.wire()),
                                        Updates.set("updatedAt", Date.from(now)),
                                        Updates.unset("refreshingUntil"),
                                        Updates.set("revision", revision + 1)))
                        .getModifiedCount()
                == 1;
    }

    boolean delete(TenantScope scope, String channelId) {
        return isId(channelId)
                && connections(scope)
                                .deleteOne(eq("_id", new ObjectId(channelId)))
                                .getDeletedCount()
                        == 1;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    static StoredConnection toConnection(Document document) {
        Number revision = document.get("revision", Number.class);
        return new StoredConnection(
                document.getObjectId("_id").toHexString(),
                document.getString("groupID"),
                ConnectionStatus.parse(document.getString("status")),
                document.getString("accountId"),
                document.getString("accountHandle"),
                document.getString("accessToken"),
                document.getString("refreshToken"),
                instant(document, "expiresAt"),
                instant(document, "refreshExpiresAt"),
                revision == null ? 0 : revision.longValue(),
                instant(document, "refreshingUntil"),
                instant(document, "connectedAt"),
                instant(document, "updatedAt"));
    }
}
