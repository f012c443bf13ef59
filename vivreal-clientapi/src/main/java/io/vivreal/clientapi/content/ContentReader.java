package io.vivreal.clientapi.content;

import static com.mongodb.client.model.Filters.eq;

import io.vivreal.clientapi.authorizer.TenantContext;
import io.vivreal.content.BsonJson;
import io.vivreal.content.JsonPage;
import io.vivreal.content.items.ItemFinder;
import io.vivreal.content.items.ItemQuery;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.media.MediaUrls;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.FieldType;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Builds Client API answers from the store, in the contract's shapes. The content type is looked
 * up inside the tenant's scope first: an id of another group's type finds nothing and the answer is
 * an empty page — never that group's items, and no hint that the id exists. Media values gain
 * {@code currentFile.source}, a signed, expiring download URL.
 *
 * <p>Pages are written item by item into a {@link JsonPage} under a byte budget: a page of large
 * items is cut short (and says so) instead of growing without bound in memory.
 */
public final class ContentReader implements IndexDefinitions {

    public static final String INTEGRATION_OBJECTS = "integrationObjects";
    private static final List<FieldSpec> INTEGRATION_TEXT_FIELDS = List.of(
            new FieldSpec("title", FieldType.TEXT, false, null, null),
            new FieldSpec("name", FieldType.TEXT, false, null, null),
            new FieldSpec("description", FieldType.LONG_TEXT, false, null, null));

    private final ContentTypeRepository types;
    private final ItemRepository items;
    private final TenantStore store;
    private final ItemFinder finder;
    private final MediaUrls mediaUrls;
    private final int pageMaxBytes;

    public ContentReader(
            ContentTypeRepository types,
            ItemRepository items,
            TenantStore store,
            ItemFinder finder,
            MediaUrls mediaUrls,
            int pageMaxBytes) {
        this.types = types;
        this.items = items;
        this.store = store;
        this.finder = finder;
        this.mediaUrls = mediaUrls;
        this.pageMaxBytes = pageMaxBytes;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.of(INTEGRATION_OBJECTS, new Document("groupID", 1).append("platform", 1)));
    }

    /** A page of one content type's items as the contract's {@code data} JSON. */
    public byte[] collectionObjects(
            TenantContext tenant, ObjectId collectionId, ItemQuery query, ItemFinder.Visibility visibility) {
        TenantScope scope = tenant.scope();
        JsonPage page = new JsonPage(pageMaxBytes);
        Optional<ContentType> type = types.find(scope, collectionId.toHexString());
        if (type.isEmpty()) {
            return page.toJson(0);
        }
        List<FieldSpec> textFields =
                type.get().fields().stream().filter(f -> f.type().isText()).toList();
        Map<String, Object> collectionObj = new LinkedHashMap<>();
        collectionObj.put("name", type.get().name());
        collectionObj.put("refID", type.get().id());
        long total = finder.find(
                items.items(scope), eq("collectionId", type.get().id()), textFields, query, visibility, item -> {
                    Map<String, Object> entry = common(item);
                    entry.put("collectionObj", collectionObj);
                    entry.put(
                            "objectValue",
                            withId(
                                    item,
                                    withMediaUrls(
                                            tenant, type.get().fields(), item.get("objectValue", new Document()))));
                    return page.add(reorder(entry));
                });
        return page.toJson(total);
    }

    /** A page of one platform's integration objects as the contract's {@code data} JSON. */
    public byte[] integrationObjects(TenantContext tenant, String platform, ItemQuery query) {
        JsonPage page = new JsonPage(pageMaxBytes);
        long total = finder.find(
                store.collection(tenant.scope(), INTEGRATION_OBJECTS),
                eq("platform", platform),
                INTEGRATION_TEXT_FIELDS,
                query,
                ItemFinder.Visibility.PUBLISHED,
                item -> {
                    Map<String, Object> entry = common(item);
                    entry.put("platform", item.getString("platform"));
                    entry.put("objectValue", withId(item, BsonJson.value(item.get("objectValue", new Document()))));
                    return page.add(reorder(entry));
                });
        return page.toJson(total);
    }

    /** Adds {@code currentFile.source} to every media value a schema declares. */
    public Object withMediaUrls(TenantContext tenant, List<FieldSpec> fields, Document values) {
        @SuppressWarnings("unchecked")
        Map<String, Object> wire = (Map<String, Object>) BsonJson.value(values);
        for (FieldSpec field : fields) {
            Object value = wire.get(field.name());
            if (field.type().isMedia()) {
                sign(tenant, value);
            } else if (field.type() == FieldType.LIST
                    && field.items() != null
                    && field.items().type().isMedia()
                    && value instanceof List<?> list) {
                list.forEach(element -> sign(tenant, element));
            }
        }
        return wire;
    }

    @SuppressWarnings("unchecked")
    private void sign(TenantContext tenant, Object value) {
        if (value instanceof Map<?, ?> media && media.get("key") instanceof String key) {
            ((Map<String, Object>) media).put("currentFile", mediaUrls.currentFile(tenant.bucketName(), key));
        }
    }

    /** The contract's {@code objectValue._id}: the item's own id, first, as real sites key their lists by it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withId(Document item, Object values) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("_id", item.getObjectId("_id").toHexString());
        if (values instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((name, value) -> {
                if (!name.equals("_id")) {
                    wire.put(name, value);
                }
            });
        }
        return wire;
    }

    private static Map<String, Object> common(Document item) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("_id", item.getObjectId("_id").toHexString());
        wire.put("groupID", item.getString("groupID"));
        wire.put("publishDate", BsonJson.date(item.getDate("publishDate")));
        wire.put("createdAt", BsonJson.date(item.getDate("createdAt")));
        wire.put("updatedAt", BsonJson.date(item.getDate("updatedAt")));
        return wire;
    }

    /** The contract's field order: ids, type or platform, values, then dates. */
    private static Map<String, Object> reorder(Map<String, Object> entry) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : List.of(
                "_id",
                "groupID",
                "collectionObj",
                "platform",
                "objectValue",
                "publishDate",
                "createdAt",
                "updatedAt")) {
            if (entry.containsKey(key)) {
                ordered.put(key, entry.get(key));
            }
        }
        return ordered;
    }
}
