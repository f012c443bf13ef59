package io.vivreal.distribution.channels;

import io.vivreal.core.crypto.CredentialBinding;
import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.TenantEncryptedFieldStore;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The channels' secret settings, for the key rotation: {@code settings.<name>} for the secret
 * settings of a channel's type and {@code settings.secretHeaders.<header>} of a custom channel,
 * bound exactly as {@link ChannelService} encrypts them. Groups are walked in id order through
 * their tenant scopes ({@link TenantEncryptedFieldStore}), so every read and write keeps the
 * tenant filter.
 */
public final class ChannelSecretsStore extends TenantEncryptedFieldStore {

    private final TenantStore store;

    public ChannelSecretsStore(GroupRepository groups, TenantStore store) {
        super(groups);
        this.store = store;
    }

    @Override
    public String name() {
        return "channel secrets";
    }

    @Override
    protected TenantCollection collection(TenantScope scope) {
        return store.collection(scope, ChannelRepository.COLLECTION);
    }

    /** Every secret value of one channel document, with the binding it was encrypted under. */
    @Override
    protected List<EncryptedField> secrets(TenantScope scope, Document document) {
        String channelId = document.getObjectId("_id").toHexString();
        Document settings = document.get("settings", new Document());
        ChannelType type;
        try {
            type = ChannelType.parse(document.getString("type"));
        } catch (DomainException e) {
            return List.of();
        }
        List<EncryptedField> fields = new ArrayList<>();
        for (ChannelType.Setting setting : type.settings()) {
            if (setting.secret() && settings.get(setting.name()) instanceof String value) {
                fields.add(field(scope, channelId, "settings." + setting.name(), value));
            }
        }
        if (settings.get(ChannelType.SECRET_HEADERS) instanceof Document headers) {
            for (String header : headers.keySet()) {
                if (headers.get(header) instanceof String value) {
                    fields.add(field(scope, channelId, "settings." + ChannelType.SECRET_HEADERS + "." + header, value));
                }
            }
        }
        return fields;
    }

    private static EncryptedField field(TenantScope scope, String channelId, String path, String value) {
        return new EncryptedField(scope.dbKey(), new CredentialBinding(scope.groupID(), channelId, path), path, value);
    }
}
