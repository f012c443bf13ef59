package io.vivreal.distribution.payments;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.nin;

import com.mongodb.client.model.Updates;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * Synced Stripe products as integration objects ({@code platform: "stripe"}) in the tenant's
 * {@code integrationObjects} collection, the one the Client API lists by {@code type}: one object
 * per product, keyed by the product id in {@code externalPostId}, its prices inside {@code
 * objectValue.prices}. An inactive product is stored {@code archived}, so sites stop listing it and
 * checkout refuses its prices; checkout finds a price only here ({@link #byPrice}).
 */
final class StripeProducts implements IndexDefinitions {

    /** The Client API's collection (its {@code ContentReader.INTEGRATION_OBJECTS}). */
    static final String COLLECTION = "integrationObjects";

    static final String PLATFORM = "stripe";

    private final TenantStore store;

    StripeProducts(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(
                IndexSpec.of(
                        COLLECTION,
                        new Document("groupID", 1).append("platform", 1).append("externalPostId", 1)),
                IndexSpec.of(
                        COLLECTION,
                        new Document("groupID", 1).append("platform", 1).append("objectValue.prices.id", 1)));
    }

    private TenantCollection objects(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    Optional<Document> find(TenantScope scope, String productId) {
        return Optional.ofNullable(
                objects(scope).findOne(and(eq("platform", PLATFORM), eq("externalPostId", productId))));
    }

    /**
     * Writes a product's object: its values, whether it sells in variants, whether it is archived,
     * and {@code imageSource}, the Stripe image URL its {@code productImage} was copied from.
     */
    void upsert(
            TenantScope scope,
            String productId,
            Document value,
            String imageSource,
            boolean usingVariant,
            boolean active,
            Instant now) {
        TenantCollection objects = objects(scope);
        Document existing = objects.findOne(and(eq("platform", PLATFORM), eq("externalPostId", productId)));
        if (existing == null) {
            objects.insertOne(new Document("platform", PLATFORM)
                    .append("externalPostId", productId)
                    .append("status", active ? "active" : "archived")
                    .append("archived", !active)
                    .append("usingVariant", usingVariant)
                    .append("imageSource", imageSource)
                    .append("objectValue", value)
                    .append("publishDate", Date.from(now))
                    .append("createdAt", Date.from(now))
                    .append("updatedAt", Date.from(now)));
            return;
        }
        objects.updateOne(
                eq("_id", existing.getObjectId("_id")),
                Updates.combine(
                        Updates.set("status", active ? "active" : "archived"),
                        Updates.set("archived", !active),
                        Updates.set("usingVariant", usingVariant),
                        Updates.set("imageSource", imageSource),
                        Updates.set("objectValue", value),
                        Updates.set("updatedAt", Date.from(now))));
    }

    /** Archives a product Stripe no longer has. */
    void archive(TenantScope scope, String productId, Instant now) {
        objects(scope)
                .updateOne(
                        and(eq("platform", PLATFORM), eq("externalPostId", productId)),
                        Updates.combine(
                                Updates.set("status", "archived"),
                                Updates.set("archived", true),
                                Updates.set("objectValue.active", false),
                                Updates.set("updatedAt", Date.from(now))));
    }

    /** Archives every product a complete sync did not see. */
    void archiveAllExcept(TenantScope scope, List<String> productIds, Instant now) {
        objects(scope)
                .updateMany(
                        and(eq("platform", PLATFORM), nin("externalPostId", productIds), eq("archived", false)),
                        Updates.combine(
                                Updates.set("status", "archived"),
                                Updates.set("archived", true),
                                Updates.set("objectValue.active", false),
                                Updates.set("updatedAt", Date.from(now))));
    }

    /** The product object selling {@code priceId}, as synced; empty when this group has no such price. */
    Optional<Document> byPrice(TenantScope scope, String priceId) {
        return Optional.ofNullable(
                objects(scope).findOne(and(eq("platform", PLATFORM), eq("objectValue.prices.id", priceId))));
    }

    long count(TenantScope scope) {
        return objects(scope).count(and(eq("platform", PLATFORM), eq("archived", false)));
    }

    /** Forgets every synced product (on disconnect): nothing stays for sale. */
    void deleteAll(TenantScope scope) {
        objects(scope).deleteMany(eq("platform", PLATFORM));
    }
}
