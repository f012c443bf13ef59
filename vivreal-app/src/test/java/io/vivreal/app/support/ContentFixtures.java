package io.vivreal.app.support;

import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Content written straight into a tenant database through the real {@link TenantStore}, until the
 * content engine's Management API exists to write it.
 */
public final class ContentFixtures {

    private final TenantStore store;

    public ContentFixtures(TenantStore store) {
        this.store = store;
    }

    public String contentType(String groupId, String name) {
        ObjectId id = new ObjectId();
        store.collection(scope(groupId), "contentTypes")
                .insertOne(new Document("_id", id)
                        .append("name", name)
                        .append(
                                "fields",
                                List.of(
                                        new Document("name", "title").append("type", "text"),
                                        new Document("name", "rating").append("type", "integer"),
                                        new Document("name", "featured").append("type", "boolean"))));
        return id.toHexString();
    }

    public String item(String groupId, String typeId, String title, Instant publishDate, boolean archived, int rating) {
        ObjectId id = new ObjectId();
        Date now = new Date();
        store.collection(scope(groupId), "collectionObjects")
                .insertOne(new Document("_id", id)
                        .append("collectionId", typeId)
                        .append(
                                "objectValue",
                                new Document("title", title)
                                        .append("rating", rating)
                                        .append("featured", rating > 3))
                        .append("publishDate", publishDate == null ? null : Date.from(publishDate))
                        .append("archived", archived)
                        .append("createdAt", now)
                        .append("updatedAt", now));
        return id.toHexString();
    }

    private static TenantScope scope(String groupId) {
        return new TenantScope(groupId, "general_shared");
    }
}
