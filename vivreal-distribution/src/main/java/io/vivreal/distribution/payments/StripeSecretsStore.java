package io.vivreal.distribution.payments;

import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.TenantEncryptedFieldStore;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The Stripe connections' secrets ({@code secretKey}, {@code webhookSecret} of each group's {@code
 * payments} document), for the key rotation, bound exactly as {@link StripeAccounts} encrypts them.
 * Groups are walked in id order through their tenant scopes ({@link TenantEncryptedFieldStore}), so
 * every read and write keeps the tenant filter.
 */
public final class StripeSecretsStore extends TenantEncryptedFieldStore {

    private final TenantStore store;

    public StripeSecretsStore(GroupRepository groups, TenantStore store) {
        super(groups);
        this.store = store;
    }

    @Override
    public String name() {
        return "stripe secrets";
    }

    @Override
    protected TenantCollection collection(TenantScope scope) {
        return store.collection(scope, StripeAccounts.COLLECTION);
    }

    /** Both secret values of one connection document. */
    @Override
    protected List<EncryptedField> secrets(TenantScope scope, Document document) {
        String id = document.getObjectId("_id").toHexString();
        List<EncryptedField> fields = new ArrayList<>();
        for (String name : StripeAccounts.SECRET_FIELDS) {
            if (document.get(name) instanceof String value) {
                fields.add(new EncryptedField(scope.dbKey(), StripeAccounts.binding(scope, id, name), name, value));
            }
        }
        return fields;
    }
}
