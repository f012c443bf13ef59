package io.vivreal.clientapi.content;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import io.vivreal.authorizer.Tenant;
import io.vivreal.content.BsonJson;
import io.vivreal.content.JsonPage;
import io.vivreal.content.items.ItemFinder;
import io.vivreal.content.items.ItemQuery;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.media.MediaSigner;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.FieldType;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds Client API answers from the store, in the contract's shapes. The content type is looked
 * up inside the tenant's scope first: an id of another group's type finds nothing and the answer is
 * an empty page — never that group's items, and no hint that the id exists. Media descriptors,
 * wherever they sit in a value (nested objects, lists of objects), gain {@code currentFile.source},
 * a signed, expiring download URL, when they name this group's files ({@link MediaSigner}).
 *
 * <p>Pages are written item by item into a {@link JsonPage} under a byte budget: a page of large
 * items is cut short (and says so) instead of growing without bound in memory.
 */
public final class ContentReader implements IndexDefinitions {

    public static final String INTEGRATION_OBJECTS = "integrationObjects";
    private static final List<FieldSpec> INTEGRATION_TEXT_FIELDS = List.of(
            new FieldSpec("title", FieldType.TEXT, false, null, null),
            new FieldSpec("name", FieldType.TEXT, false, null, null),
            new FieldSpec("description", FieldType.LONG_TEXT, false, null, null),
            new FieldSpec("text", FieldType.LONG_TEXT, false, null, null));
    /** The top-level fields sites read from an integration object, in the contract's order. */
    private static final List<String> INTEGRATION_FIELDS =
            List.of("status", "externalPostId", "permalink", "accountId", "accountHandle", "errorMessage");

    private static final JsonMapper JSON = JsonMapper.shared();

    private final ContentTypeRepository types;
    private final ItemRepository items;
    private final TenantStore store;
    private final ItemFinder finder;
    private final MediaSigner signer;
    private final int pageMaxBytes;
    private final CollectionIndex index;
    private final Clock clock;

    public ContentReader(
            ContentTypeRepository types,
            ItemRepository items,
            TenantStore store,
            ItemFinder finder,
            MediaSigner signer,
            int pageMaxBytes) {
        this(types, items, store, finder, signer, pageMaxBytes, null, Clock.systemUTC());
    }

    /**
     * @param index the in-memory index of content types, or null to run every listing as a store
     *     query
     * @param clock the clock the store query's publish gate uses, so both paths agree
     */
    public ContentReader(
            ContentTypeRepository types,
            ItemRepository items,
            TenantStore store,
            ItemFinder finder,
            MediaSigner signer,
            int pageMaxBytes,
            CollectionIndex index,
            Clock clock) {
        this.types = types;
        this.items = items;
        this.store = store;
        this.finder = finder;
        this.signer = signer;
        this.pageMaxBytes = pageMaxBytes;
        this.index = index;
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.of(INTEGRATION_OBJECTS, new Document("groupID", 1).append("platform", 1)));
    }

    /** A page of one content type's items as the contract's {@code data} JSON. */
    public byte[] collectionObjects(
            Tenant tenant, ObjectId collectionId, ItemQuery query, ItemFinder.Visibility visibility) {
        TenantScope scope = TenantScope.of(tenant);
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
        MediaSigner.Session media = signer.session(scope.groupID(), tenant.bucketName());
        TypeIndex indexed = index == null ? null : index.current(scope, type.get());
        TypeIndex.Hits hits = indexed == null ? null : indexed.query(query, visibility, clock.millis(), textFields);
        if (hits != null) {
            index.answered();
            byte[] collectionJson = JSON.writeValueAsBytes(collectionObj);
            for (IndexedItem item : hits.page()) {
                boolean added = item.media() == null
                        ? page.addJson(item.render(collectionJson))
                        : page.add(item(item.media(), collectionObj, media));
                if (!added) {
                    break;
                }
            }
            return page.toJson(hits.total());
        }
        long total = finder.find(
                items.items(scope),
                eq("collectionId", type.get().id()),
                textFields,
                query,
                visibility,
                item -> page.add(item(item, collectionObj, media)));
        return page.toJson(total);
    }

    /** The contract's shape of one content item, its media signed. */
    private static Map<String, Object> item(
            Document item, Map<String, Object> collectionObj, MediaSigner.Session media) {
        Map<String, Object> entry = common(item);
        entry.put("collectionObj", collectionObj);
        entry.put("objectValue", withId(item, media.sign(BsonJson.value(item.get("objectValue", new Document())))));
        return reorder(entry, ITEM_ORDER);
    }

    /**
     * An item as the in-memory index keeps it: its answer bytes without {@code collectionObj}
     * (exactly what {@link #item} renders, split where the type's part goes), and the scalar values
     * listings filter and sort on. An item holding any media descriptor keeps its stored document
     * instead, to be signed when it is answered: signed URLs expire, stored bytes would not.
     *
     * @param names field names seen so far, so each is held once per index
     */
    static IndexedItem indexed(Document item, Map<String, String> names) {
        Document values = item.get("objectValue", new Document());
        Object wire = BsonJson.value(values);
        boolean hasMedia = holdsDescriptor(wire, 0);
        byte[] json = null;
        int split = 0;
        if (!hasMedia) {
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("_id", item.getObjectId("_id").toHexString());
            head.put("groupID", item.getString("groupID"));
            Map<String, Object> tail = new LinkedHashMap<>();
            tail.put("objectValue", withId(item, wire));
            tail.put("publishDate", BsonJson.date(item.getDate("publishDate")));
            tail.put("createdAt", BsonJson.date(item.getDate("createdAt")));
            tail.put("updatedAt", BsonJson.date(item.getDate("updatedAt")));
            byte[] headJson = JSON.writeValueAsBytes(head);
            byte[] tailJson = JSON.writeValueAsBytes(tail);
            // {"_id":..,"groupID":..  +  "objectValue":..}  — the braces between them are dropped
            split = headJson.length - 1;
            json = new byte[split + tailJson.length - 1];
            System.arraycopy(headJson, 0, json, 0, split);
            System.arraycopy(tailJson, 1, json, split, tailJson.length - 1);
        }
        String[] fieldNames = new String[values.size()];
        Object[] fieldValues = new Object[values.size()];
        int i = 0;
        for (Map.Entry<String, Object> field : values.entrySet()) {
            fieldNames[i] = names.computeIfAbsent(field.getKey(), k -> k);
            fieldValues[i] = scalar(field.getValue());
            i++;
        }
        Number version = item.get("version", Number.class);
        return new IndexedItem(
                item.getObjectId("_id"),
                millis(item.getDate("createdAt")),
                millis(item.getDate("updatedAt")),
                millis(item.getDate("publishDate")),
                Boolean.TRUE.equals(item.get("archived")),
                version == null ? 1 : version.longValue(),
                fieldNames,
                fieldValues,
                json,
                split,
                hasMedia ? item : null);
    }

    private static long millis(Date date) {
        return date == null ? IndexedItem.NO_DATE : date.getTime();
    }

    private static Object scalar(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Date
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        return IndexedItem.COMPLEX;
    }

    private static boolean holdsDescriptor(Object wire, int depth) {
        if (depth > 40) {
            return true; // deeper than any stored value: let the signing walk decide, per answer
        }
        if (wire instanceof Map<?, ?> map) {
            if (MediaSigner.isDescriptor(map)) {
                return true;
            }
            for (Object child : map.values()) {
                if (holdsDescriptor(child, depth + 1)) {
                    return true;
                }
            }
        } else if (wire instanceof List<?> list) {
            for (Object child : list) {
                if (holdsDescriptor(child, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A page of one platform's integration objects as the contract's {@code data} JSON. A post
     * ({@code post: true}, written by the composer) is listed only once {@code published}; objects
     * synced from a platform (Stripe products) by the publish gate alone. Media values in {@code
     * objectValue} — a post's {@code media} list, a product's image — are signed like item media.
     */
    public byte[] integrationObjects(Tenant tenant, String platform, ItemQuery query) {
        JsonPage page = new JsonPage(pageMaxBytes);
        TenantScope scope = TenantScope.of(tenant);
        MediaSigner.Session media = signer.session(scope.groupID(), tenant.bucketName());
        long total = finder.find(
                store.collection(scope, INTEGRATION_OBJECTS),
                and(eq("platform", platform), or(ne("post", true), eq("status", "published"))),
                INTEGRATION_TEXT_FIELDS,
                query,
                ItemFinder.Visibility.PUBLISHED,
                item -> {
                    Map<String, Object> entry = common(item);
                    entry.put("platform", item.getString("platform"));
                    for (String field : INTEGRATION_FIELDS) {
                        entry.put(field, item.getString(field));
                    }
                    entry.put("sourceRef", BsonJson.value(item.get("sourceRef")));
                    entry.put("usingVariant", item.getBoolean("usingVariant", false));
                    entry.put("objectValue", integrationValue(media, item));
                    return page.add(reorder(entry, INTEGRATION_ORDER));
                });
        return page.toJson(total);
    }

    private static Map<String, Object> integrationValue(MediaSigner.Session media, Document item) {
        Map<String, Object> value = withId(item, media.sign(BsonJson.value(item.get("objectValue", new Document()))));
        if (value.get("text") instanceof String text && !value.containsKey("caption")) {
            value.put("caption", text);
        }
        return value;
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

    /** The contract's field order of an item: ids, type, values, then dates. */
    private static final List<String> ITEM_ORDER =
            List.of("_id", "groupID", "collectionObj", "objectValue", "publishDate", "createdAt", "updatedAt");

    /** The contract's field order of an integration object. */
    private static final List<String> INTEGRATION_ORDER = List.of(
            "_id",
            "groupID",
            "platform",
            "status",
            "publishDate",
            "externalPostId",
            "permalink",
            "accountId",
            "accountHandle",
            "errorMessage",
            "sourceRef",
            "usingVariant",
            "objectValue",
            "createdAt",
            "updatedAt");

    private static Map<String, Object> reorder(Map<String, Object> entry, List<String> order) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : order) {
            if (entry.containsKey(key)) {
                ordered.put(key, entry.get(key));
            }
        }
        return ordered;
    }
}
