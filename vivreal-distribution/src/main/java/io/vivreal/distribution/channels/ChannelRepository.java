package io.vivreal.distribution.channels;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Updates;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Channels in the tenant's {@code channels} collection, reached only through a tenant scope.
 * Secret settings are stored as {@code enc:v1:} ciphertexts; {@code hints} holds their masked
 * hints so answers never need to decrypt.
 */
public final class ChannelRepository implements IndexDefinitions {

    public static final String COLLECTION = "channels";

    private final TenantStore store;

    public ChannelRepository(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.of(COLLECTION, new Document("groupID", 1).append("createdAt", 1)));
    }

    private TenantCollection channels(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    static boolean isId(String id) {
        return id != null && id.length() == 24 && ObjectId.isValid(id);
    }

    void insert(TenantScope scope, StoredChannel channel) {
        channels(scope)
                .insertOne(new Document("_id", new ObjectId(channel.id()))
                        .append("type", channel.type().wireName())
                        .append("name", channel.name())
                        .append("settings", channel.settings())
                        .append("hints", channel.hints())
                        .append("events", channel.subscription().eventNames())
                        .append("contentTypes", channel.subscription().contentTypes())
                        .append("postTemplate", channel.autoPost().template())
                        .append("autoPostTypes", channel.autoPost().contentTypes())
                        .append("createdAt", Date.from(channel.createdAt()))
                        .append("updatedAt", Date.from(channel.updatedAt())));
    }

    /** Replaces name and settings if the channel still has the {@code updatedAt} it was read with. */
    boolean replace(TenantScope scope, StoredChannel channel, Instant readAt) {
        return channels(scope)
                        .updateOne(
                                com.mongodb.client.model.Filters.and(
                                        eq("_id", new ObjectId(channel.id())), eq("updatedAt", Date.from(readAt))),
                                Updates.combine(
                                        Updates.set("name", channel.name()),
                                        Updates.set("settings", channel.settings()),
                                        Updates.set("hints", channel.hints()),
                                        Updates.set(
                                                "events", channel.subscription().eventNames()),
                                        Updates.set(
                                                "contentTypes",
                                                channel.subscription().contentTypes()),
                                        Updates.set(
                                                "postTemplate",
                                                channel.autoPost().template()),
                                        Updates.set(
                                                "autoPostTypes",
                                                channel.autoPost().contentTypes()),
                                        Updates.set("updatedAt", Date.from(channel.updatedAt()))))
                        .getMatchedCount()
                == 1;
    }

    boolean delete(TenantScope scope, String id) {
        return isId(id)
                && channels(scope).deleteOne(eq("_id", new ObjectId(id))).getDeletedCount() == 1;
    }

    Optional<StoredChannel> find(TenantScope scope, String id) {
        if (!isId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(channels(scope).findOne(eq("_id", new ObjectId(id))))
                .map(ChannelRepository::toChannel);
    }

    List<StoredChannel> list(TenantScope scope, int limit) {
        List<StoredChannel> found = new ArrayList<>();
        for (Document document : channels(scope)
                .find(new Document())
                .sort(new Document("createdAt", 1))
                .limit(limit)) {
            found.add(toChannel(document));
        }
        return found;
    }

    static StoredChannel toChannel(Document document) {
        return new StoredChannel(
                document.getObjectId("_id").toHexString(),
                document.getString("groupID"),
                ChannelType.parse(document.getString("type")),
                document.getString("name"),
                document.get("settings", Document.class),
                document.get("hints", new Document()),
                Subscription.from(document),
                AutoPost.from(document),
                document.getDate("createdAt").toInstant(),
                document.getDate("updatedAt").toInstant());
    }
}
