package io.vivreal.clientapi.content;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.model.Sorts;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads content items of one content type for one tenant. The content type is looked up inside
 * the tenant's scope first: an id of another group's type finds nothing, and the answer is an
 * empty page — never that group's items, and no hint that the id exists.
 */
public final class CollectionObjectReader {

    private static final Set<String> TEXT_TYPES = Set.of("text", "longText", "slug");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d{1,15})?");

    private final TenantStore store;
    private final Clock clock;

    public CollectionObjectReader(TenantStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public record Page(List<Map<String, Object>> items, long totalCount) {}

    public Page read(TenantScope scope, CollectionObjectQuery query, boolean publishedOnly) {
        Document type =
                store.collection(scope, ContentCollections.CONTENT_TYPES).findOne(eq("_id", query.collectionId()));
        if (type == null) {
            return new Page(List.of(), 0);
        }
        List<Bson> conditions = new ArrayList<>();
        conditions.add(eq("collectionId", query.collectionId().toHexString()));
        if (publishedOnly) {
            conditions.add(lte("publishDate", Date.from(clock.instant())));
            conditions.add(ne("archived", true));
        }
        query.filters().forEach((field, value) -> conditions.add(in("objectValue." + field, literals(value))));
        if (query.search() != null) {
            conditions.add(search(type, query.search()));
        }
        TenantCollection items = store.collection(scope, ContentCollections.ITEMS);
        Bson filter = and(conditions);
        long total = items.count(filter);
        Bson sort = query.ascending()
                ? Sorts.orderBy(Sorts.ascending(query.sortField()), Sorts.ascending("_id"))
                : Sorts.orderBy(Sorts.descending(query.sortField()), Sorts.descending("_id"));
        List<Map<String, Object>> page = new ArrayList<>();
        Map<String, Object> collectionObj = new LinkedHashMap<>();
        collectionObj.put("name", type.getString("name"));
        collectionObj.put("refID", query.collectionId().toHexString());
        for (Document item : items.find(filter).sort(sort).skip(query.skip()).limit(query.limit())) {
            page.add(toWire(item, collectionObj));
        }
        return new Page(page, total);
    }

    /** A filter value matches the same text, or the number or boolean it spells. */
    private static List<Object> literals(String value) {
        List<Object> literals = new ArrayList<>(List.of(value));
        if (value.equals("true") || value.equals("false")) {
            literals.add(Boolean.parseBoolean(value));
        } else if (NUMBER.matcher(value).matches()) {
            literals.add(value.contains(".") ? (Object) Double.parseDouble(value) : (Object) Long.parseLong(value));
        }
        return literals;
    }

    /** Case-insensitive literal match over the type's text fields. */
    private static Bson search(Document type, String text) {
        Pattern literal = Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE);
        List<Bson> fields = new ArrayList<>();
        for (Document field : type.getList("fields", Document.class, List.of())) {
            if (TEXT_TYPES.contains(field.getString("type")) && field.getString("name") != null) {
                fields.add(regex("objectValue." + field.getString("name"), literal));
            }
        }
        return fields.isEmpty() ? eq("_id", null) : or(fields);
    }

    private static Map<String, Object> toWire(Document item, Map<String, Object> collectionObj) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("_id", item.getObjectId("_id").toHexString());
        wire.put("groupID", item.getString("groupID"));
        wire.put("collectionObj", collectionObj);
        wire.put("objectValue", BsonJson.value(item.get("objectValue", new Document())));
        wire.put("publishDate", BsonJson.date(item.getDate("publishDate")));
        wire.put("createdAt", BsonJson.date(item.getDate("createdAt")));
        wire.put("updatedAt", BsonJson.date(item.getDate("updatedAt")));
        return wire;
    }
}
