package io.vivreal.distribution.connections;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.client.model.Updates;
import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.crypto.EncryptedFieldStore;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The connections' tokens, for {@code ./vivreal admin rotate-encryption-key}: {@code accessToken}
 * and {@code refreshToken} of every {@code channel_connections} record, bound as {@link
 * ConnectionService} encrypts them. Groups are walked in id order through their tenant scopes. A
 * rotation write is a compare-and-set on the ciphertext, so a refresh at the same moment wins and
 * the next batch picks its new value up. (Pending authorizations' verifiers live 10 minutes and are
 * not rotated.)
 */
public final class ConnectionSecretsStore implements EncryptedFieldStore {

    private static final int GROUPS_PER_PAGE = 100;
    private static final List<String> FIELDS = List.of(ConnectionService.ACCESS, ConnectionService.REFRESH);

    private final GroupRepository groups;
    private final ConnectionRepository repository;

    ConnectionSecretsStore(GroupRepository groups, ConnectionRepository repository) {
        this.groups = groups;
        this.repository = repository;
    }

    @Override
    public String name() {
        return "connection tokens";
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

    private int collect(
            TenantScope scope, Optional<String> afterRecord, String active, int limit, List<EncryptedField> batch) {
        Bson filter = afterRecord.map(id -> (Bson) gt("_id", new ObjectId(id))).orElse(new Document());
        int records = 0;
        for (Document document : repository.connections(scope).find(filter).sort(new Document("_id", 1))) {
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
        return repository
                        .connections(scope)
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
                for (Document document : repository.connections(scope).find(new Document())) {
                    for (EncryptedField field : secrets(scope, document)) {
                        counts.merge(field.keyId(), 1L, Long::sum);
                    }
                }
            }
            afterGroup = Optional.of(scopes.get(scopes.size() - 1).groupID());
        }
    }

    private static List<EncryptedField> secrets(TenantScope scope, Document document) {
        String channelId = document.getObjectId("_id").toHexString();
        List<EncryptedField> fields = new ArrayList<>();
        for (String name : FIELDS) {
            if (document.get(name) instanceof String value) {
                fields.add(new EncryptedField(
                        scope.dbKey(), ConnectionService.tokenBinding(scope.groupID(), channelId, name), name, value));
            }
        }
        return fields;
    }
}
