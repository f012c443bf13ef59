package io.vivreal.distribution.payments;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.vivreal.core.crypto.CredentialBinding;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The groups' Stripe connections: one document per group in the tenant's {@code payments}
 * collection, its two secrets encrypted with the {@link CredentialCipher} bound to the group, the
 * record and the field (so a ciphertext copied to another group or field does not decrypt), and
 * the control-plane {@code stripe_webhooks} row that maps the public webhook id to the group — a
 * webhook request carries nothing else. The webhook id is 24 random bytes, base64url, kept across
 * reconnects so the URL in the Stripe dashboard stays valid.
 */
public final class StripeAccounts implements IndexDefinitions {

    static final String COLLECTION = "payments";
    static final String WEBHOOKS = "stripe_webhooks";
    static final String PROVIDER = "stripe";
    static final List<String> SECRET_FIELDS = List.of("secretKey", "webhookSecret");
    private static final Pattern WEBHOOK_ID = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final TenantStore store;
    private final MongoCollection<Document> webhooks;
    private final CredentialCipher cipher;
    private final SecureRandom random;

    public StripeAccounts(TenantStore store, ControlPlane controlPlane, CredentialCipher cipher, SecureRandom random) {
        this.store = store;
        this.webhooks = controlPlane.collection(WEBHOOKS);
        this.cipher = cipher;
        this.random = random;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.of(COLLECTION, new Document("groupID", 1).append("provider", 1)));
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.unique(WEBHOOKS, new Document("groupID", 1)));
    }

    private TenantCollection payments(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    public Optional<StripeAccount> find(TenantScope scope) {
        Document document = payments(scope).findOne(eq("provider", PROVIDER));
        if (document == null) {
            return Optional.empty();
        }
        String id = document.getObjectId("_id").toHexString();
        Date synced = document.getDate("lastSyncAt");
        return Optional.of(new StripeAccount(
                id,
                cipher.decrypt(document.getString("secretKey"), binding(scope, id, "secretKey")),
                cipher.decrypt(document.getString("webhookSecret"), binding(scope, id, "webhookSecret")),
                document.getString("webhookId"),
                document.getString("accountHint"),
                document.getDate("connectedAt").toInstant(),
                synced == null ? null : synced.toInstant()));
    }

    /** Stores (or replaces) the connection; answers its webhook id, kept from an earlier connection. */
    String save(TenantScope scope, String secretKey, String webhookSecret, Instant now) {
        Document existing = payments(scope).findOne(eq("provider", PROVIDER));
        String hint = secretKey.substring(secretKey.length() - 4);
        if (existing != null) {
            String id = existing.getObjectId("_id").toHexString();
            payments(scope)
                    .updateOne(
                            eq("_id", existing.getObjectId("_id")),
                            Updates.combine(
                                    Updates.set(
                                            "secretKey", cipher.encrypt(secretKey, binding(scope, id, "secretKey"))),
                                    Updates.set(
                                            "webhookSecret",
                                            cipher.encrypt(webhookSecret, binding(scope, id, "webhookSecret"))),
                                    Updates.set("accountHint", hint),
                                    Updates.set("connectedAt", Date.from(now))));
            return existing.getString("webhookId");
        }
        ObjectId id = new ObjectId();
        String webhookId = newWebhookId();
        webhooks.insertOne(new Document("_id", webhookId)
                .append("groupID", scope.groupID())
                .append("dbKey", scope.dbKey()));
        payments(scope)
                .insertOne(new Document("_id", id)
                        .append("provider", PROVIDER)
                        .append("secretKey", cipher.encrypt(secretKey, binding(scope, id.toHexString(), "secretKey")))
                        .append(
                                "webhookSecret",
                                cipher.encrypt(webhookSecret, binding(scope, id.toHexString(), "webhookSecret")))
                        .append("webhookId", webhookId)
                        .append("accountHint", hint)
                        .append("connectedAt", Date.from(now)));
        return webhookId;
    }

    /** Forgets the connection and its webhook id; answers whether there was one. */
    boolean delete(TenantScope scope) {
        webhooks.deleteMany(eq("groupID", scope.groupID()));
        return payments(scope).deleteMany(eq("provider", PROVIDER)).getDeletedCount() > 0;
    }

    void markSynced(TenantScope scope, Instant at) {
        payments(scope).updateOne(eq("provider", PROVIDER), Updates.set("lastSyncAt", Date.from(at)));
    }

    /** The group a webhook URL names; anything not shaped like a webhook id finds nothing, with no I/O. */
    Optional<TenantScope> scopeOfWebhook(String webhookId) {
        if (webhookId == null || !WEBHOOK_ID.matcher(webhookId).matches()) {
            return Optional.empty();
        }
        Document row = webhooks.find(eq("_id", webhookId)).first();
        return row == null
                ? Optional.empty()
                : Optional.of(new TenantScope(row.getString("groupID"), row.getString("dbKey")));
    }

    private String newWebhookId() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static CredentialBinding binding(TenantScope scope, String recordId, String field) {
        return new CredentialBinding(scope.groupID(), recordId, field);
    }
}
