package io.vivreal.distribution.delivery;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Each channel's {@link ChannelHealth} in the tenant's {@code channel_health} collection, one
 * document per channel id; written only by the delivery workers and the enable route.
 */
final class ChannelHealthRepository {

    static final String COLLECTION = "channel_health";

    private final TenantStore store;

    ChannelHealthRepository(TenantStore store) {
        this.store = store;
    }

    private TenantCollection health(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    ChannelHealth get(TenantScope scope, String channelId) {
        Document document = health(scope).findOne(eq("_id", channelId));
        return document == null ? ChannelHealth.NEW : toHealth(document);
    }

    Map<String, ChannelHealth> get(TenantScope scope, Collection<String> channelIds) {
        Map<String, ChannelHealth> found = new HashMap<>();
        for (Document document : health(scope).find(in("_id", channelIds))) {
            found.put(document.getString("_id"), toHealth(document));
        }
        return found;
    }

    void succeeded(TenantScope scope, String channelId, Instant at) {
        upsert(
                scope,
                channelId,
                Updates.combine(
                        Updates.set("lastSuccessAt", Date.from(at)),
                        Updates.set("failureStreak", 0),
                        Updates.set("failingSince", null)));
    }

    /** Counts one more failed attempt; the streak's start is kept from its first failure. */
    void failed(TenantScope scope, String channelId, ChannelHealth before, Instant at) {
        upsert(
                scope,
                channelId,
                Updates.combine(
                        Updates.inc("failureStreak", 1),
                        Updates.set(
                                "failingSince",
                                Date.from(
                                        before.failureStreak() == 0 || before.failingSince() == null
                                                ? at
                                                : before.failingSince()))));
    }

    void disable(TenantScope scope, String channelId, String reason, Instant at) {
        upsert(
                scope,
                channelId,
                Updates.combine(
                        Updates.set("disabled", true),
                        Updates.set("disabledReason", reason),
                        Updates.set("disabledAt", Date.from(at))));
    }

    /** Enables delivery again with a clean streak. */
    void enable(TenantScope scope, String channelId) {
        upsert(
                scope,
                channelId,
                Updates.combine(
                        Updates.set("disabled", false),
                        Updates.set("disabledReason", null),
                        Updates.set("failureStreak", 0),
                        Updates.set("failingSince", null)));
    }

    void delete(TenantScope scope, String channelId) {
        health(scope).deleteOne(eq("_id", channelId));
    }

    private void upsert(TenantScope scope, String channelId, Bson update) {
        TenantCollection collection = health(scope);
        if (collection.updateOne(eq("_id", channelId), update).getMatchedCount() == 0) {
            try {
                collection.insertOne(new Document("_id", channelId)
                        .append("failureStreak", 0)
                        .append("disabled", false));
            } catch (MongoWriteException raced) {
                // made by another worker meanwhile
            }
            collection.updateOne(eq("_id", channelId), update);
        }
    }

    private static ChannelHealth toHealth(Document document) {
        Date success = document.getDate("lastSuccessAt");
        Date since = document.getDate("failingSince");
        return new ChannelHealth(
                success == null ? null : success.toInstant(),
                document.getInteger("failureStreak", 0),
                since == null ? null : since.toInstant(),
                document.getBoolean("disabled", false),
                document.getString("disabledReason"));
    }
}
