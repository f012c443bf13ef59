package io.vivreal.content.items;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.client.model.Updates;
import io.vivreal.content.types.ContentTypeService;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantFind;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** Content items in the tenant's {@code collectionObjects} collection. */
public final class ItemRepository implements IndexDefinitions, ContentTypeService.FieldUsage {

    public static final String COLLECTION = "collectionObjects";

    private final TenantStore store;

    public ItemRepository(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(
                IndexSpec.of(
                        COLLECTION,
                        new Document("groupID", 1).append("collectionId", 1).append("publishDate", -1)),
                IndexSpec.of(
                        COLLECTION,
                        new Document("groupID", 1).append("collectionId", 1).append("createdAt", -1)),
                // the in-memory index's check for other instances' writes: updatedAt >= mark
                IndexSpec.of(
                        COLLECTION,
                        new Document("groupID", 1).append("collectionId", 1).append("updatedAt", -1)));
    }

    public TenantCollection items(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    /** Changes whenever the group's items are written, on any instance; empty where the store cannot tell. */
    public OptionalLong writeStamp(TenantScope scope) {
        return store.writeStamp(scope, COLLECTION);
    }

    void insert(TenantScope scope, ContentItem item) {
        items(scope).insertOne(toDocument(item));
    }

    /** Replaces the item's content only if it is still at {@code expectedVersion}. */
    boolean replace(TenantScope scope, ContentItem item, long expectedVersion) {
        return items(scope)
                        .updateOne(
                                and(eq("_id", new ObjectId(item.id())), eq("version", expectedVersion)),
                                Updates.combine(
                                        Updates.set("objectValue", item.objectValue()),
                                        Updates.set("publishDate", date(item)),
                                        Updates.set("archived", item.archived()),
                                        Updates.set("version", item.version()),
                                        Updates.set("updatedAt", Date.from(item.updatedAt())),
                                        Updates.set("updatedBy", item.updatedBy())))
                        .getModifiedCount()
                == 1;
    }

    boolean delete(TenantScope scope, String collectionId, String id) {
        return ObjectId.isValid(id)
                && items(scope)
                                .deleteOne(and(eq("_id", new ObjectId(id)), eq("collectionId", collectionId)))
                                .getDeletedCount()
                        == 1;
    }

    public Optional<ContentItem> find(TenantScope scope, String collectionId, String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                        items(scope).findOne(and(eq("_id", new ObjectId(id)), eq("collectionId", collectionId))))
                .map(ItemRepository::toItem);
    }

    public TenantFind find(TenantScope scope, Bson filter) {
        return items(scope).find(filter);
    }

    public long count(TenantScope scope, Bson filter) {
        return items(scope).count(filter);
    }

    @Override
    public long itemsUsing(TenantScope scope, String typeId, String field) {
        return items(scope).count(and(eq("collectionId", typeId), exists("objectValue." + field)));
    }

    @Override
    public long itemsOfType(TenantScope scope, String typeId) {
        return items(scope).count(eq("collectionId", typeId));
    }

    @Override
    public void removeField(TenantScope scope, String typeId, String field) {
        items(scope).updateMany(eq("collectionId", typeId), Updates.unset("objectValue." + field));
    }

    @Override
    public long deleteItemsOfType(TenantScope scope, String typeId) {
        return items(scope).deleteMany(eq("collectionId", typeId)).getDeletedCount();
    }

    private static Date date(ContentItem item) {
        return item.publishDate() == null ? null : Date.from(item.publishDate());
    }

    static Document toDocument(ContentItem item) {
        return new Document("_id", new ObjectId(item.id()))
                .append("collectionId", item.collectionId())
                .append("objectValue", item.objectValue())
                .append("publishDate", date(item))
                .append("archived", item.archived())
                .append("version", item.version())
                .append("createdAt", Date.from(item.createdAt()))
                .append("updatedAt", Date.from(item.updatedAt()))
                .append("createdBy", item.createdBy())
                .append("updatedBy", item.updatedBy());
    }

    public static ContentItem toItem(Document document) {
        Date publish = document.getDate("publishDate");
        Number version = document.get("version", Number.class);
        return new ContentItem(
                document.getObjectId("_id").toHexString(),
                document.getString("groupID"),
                document.getString("collectionId"),
                document.get("objectValue", new Document()),
                publish == null ? null : publish.toInstant(),
                Boolean.TRUE.equals(document.getBoolean("archived")),
                version == null ? 1 : version.longValue(),
                document.getDate("createdAt").toInstant(),
                document.getDate("updatedAt").toInstant(),
                document.getString("createdBy"),
                document.getString("updatedBy"));
    }
}
