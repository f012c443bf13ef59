package io.vivreal.distribution.payments;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.model.Updates;
import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The Stripe connections' secrets ({@code secretKey}, {@code webhookSecret} of each group's {@code
 * payments} document), for the key rotation, bound exactly as {@link StripeAccounts} encrypts them.
 * Groups are walked in id order through their tenant scopes, so every read and write keeps the
 * tenant filter.
 */
public final class StripeSecretsStore implements EncryptedFieldStore {

    private static final int GROUPS_PER_PAGE = 100;

    private final GroupRepository groups;
    private final TenantStore store;

    public StripeSecretsStore(GroupRepository groups, TenantStore store) {
        this.groups = groups;
        this.store = store;
    }

    @Override
    public String name() {
        return "stripe secrets";
    }

    @Override
    public List<EncryptedField> batchNotUnder(String activeKeyId, Optional<EncryptedField> after, int size) {
        String active = "enc:v1:" + activeKeyId + ":";
        List<EncryptedField> batch = new ArrayList<>();
        int records = 0;
        if (after.isPresent()) {
            TenantScope scope =
                    new TenantScope(after.get().binding().groupID(), after.get().database());
            records += collect(scope, Optional.of(after.get().binding().recordId()), active, size, batch);
        }
        Optional<String> afterGroup = after.map(field -> field.binding().groupID());
        while (records < size) {
            List<TenantScope> scopes = groups.tenantScopes(afterGroup, GROUPS_PER_PAGE);
            if (scopes.isEmpty()) {
                break;
            }
            for (TenantScope scope : scopes) {
                if (records >= size) {
                    break;
                }
                records += collect(scope, Optional.empty(), active, size - records, batch);
            }
            afterGroup = Optional.of(scopes.get(scopes.size() - 1).groupID());
        }
        return batch;
    }

    /** Adds the pending values of up to {@code limit} records of one group; answers how many records. */
    private int collect(
            TenantScope scope, Optional<String> afterRecord, String active, int limit, List<EncryptedField> batch) {
        Bson filter = afterRecord.map(id -> (Bson) gt("_id", new ObjectId(id))).orElse(new Document());
        int records = 0;
        for (Document document : payments(scope).find(filter).sort(new Document("_id", 1))) {
            List<EncryptedField> pending = secrets(scope, document).stream()
                    .filter(field -> !field.ciphertext().startsWith(active))
                    .toList();
            if (pending.isEmpty()) {
                continue;
            }
            batch.addAll(pending);
            if (++records >= limit) {
                break;
            }
        }
        return records;
    }

    @Override
    public boolean replace(EncryptedField field, String newCiphertext) {
        TenantScope scope = new TenantScope(field.binding().groupID(), field.database());
        return payments(scope)
                        .updateOne(
                                and(
                                        eq("_id", new ObjectId(field.binding().recordId())),
                                        eq(field.path(), field.ciphertext())),
                                Updates.set(field.path(), newCiphertext))
                        .getModifiedCount()
                == 1;
    }

    @Override
    public Map<String, Long> countByKeyId() {
        Map<String, Long> counts = new HashMap<>();
        Optional<String> afterGroup = Optional.empty();
        while (true) {
            List<TenantScope> scopes = groups.tenantScopes(afterGroup, GROUPS_PER_PAGE);
            if (scopes.isEmpty()) {
                return counts;
            }
            for (TenantScope scope : scopes) {
                for (Document document : payments(scope).find(new Document())) {
                    for (EncryptedField field : secrets(scope, document)) {
                        counts.merge(field.keyId(), 1L, Long::sum);
                    }
                }
            }
            afterGroup = Optional.of(scopes.get(scopes.size() - 1).groupID());
        }
    }

    private TenantCollection payments(TenantScope scope) {
        return store.collection(scope, StripeAccounts.COLLECTION);
    }

    /** Both secret values of one connection document. */
    private static List<EncryptedField> secrets(TenantScope scope, Document document) {
        String id = document.getObjectId("_id").toHexString();
        List<EncryptedField> fields = new ArrayList<>();
        for (String name : StripeAccounts.SECRET_FIELDS) {
            if (document.get(name) instanceof String value) {
                fields.add(field(scope, id, name, value));
            }
        }
        return fields;
    }

    private static EncryptedField field(TenantScope scope, String recordId, String path, String value) {
        return new EncryptedField(scope.dbKey(), StripeAccounts.binding(scope, recordId, path), path, value);
    }
}
