package io.vivreal.distribution.connections;

import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.TenantEncryptedFieldStore;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The connections' tokens, for {@code ./vivreal admin rotate-encryption-key}: {@code accessToken}
 * and {@code refreshToken} of every {@code channel_connections} record, bound as {@link
 * ConnectionService} encrypts them. Groups are walked in id order through their tenant scopes. A
 * rotation write is a compare-and-set on the ciphertext, so a refresh at the same moment wins and
 * the next batch picks its new value up. (Pending authorizations' verifiers live 10 minutes and are
 * not rotated.)
 */
public final class ConnectionSecretsStore extends TenantEncryptedFieldStore {

    private static final List<String> FIELDS = List.of(ConnectionService.ACCESS, ConnectionService.REFRESH);

    private final ConnectionRepository repository;

    ConnectionSecretsStore(GroupRepository groups, ConnectionRepository repository) {
        super(groups);
        this.repository = repository;
    }

    @Override
    public String name() {
        return "connection tokens";
    }

    @Override
    protected TenantCollection collection(TenantScope scope) {
        return repository.connections(scope);
    }

    @Override
    protected List<EncryptedField> secrets(TenantScope scope, Document document) {
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
