package io.vivreal.content.types;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantCollection;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Content types in the tenant's {@code contentTypes} collection. */
public final class ContentTypeRepository implements IndexDefinitions {

    public static final String COLLECTION = "contentTypes";

    private final TenantStore store;

    public ContentTypeRepository(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.unique(COLLECTION, new Document("groupID", 1).append("nameKey", 1)));
    }

    private TenantCollection types(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    /** Inserts; a name already used in the group (case-insensitively) fails on the unique index. */
    void insert(TenantScope scope, ContentType type) {
        types(scope)
                .insertOne(new Document("_id", new ObjectId(type.id()))
                        .append("name", type.name())
                        .append("nameKey", nameKey(type.name()))
                        .append("fields", FieldSpec.toDocuments(type.fields()))
                        .append("acceptsSubmissions", type.acceptsSubmissions())
                        .append("createdAt", Date.from(type.createdAt()))
                        .append("updatedAt", Date.from(type.updatedAt())));
    }

    void replace(TenantScope scope, ContentType type) {
        types(scope)
                .updateOne(
                        eq("_id", new ObjectId(type.id())),
                        Updates.combine(
                                Updates.set("name", type.name()),
                                Updates.set("nameKey", nameKey(type.name())),
                                Updates.set("fields", FieldSpec.toDocuments(type.fields())),
                                Updates.set("acceptsSubmissions", type.acceptsSubmissions()),
                                Updates.set("updatedAt", Date.from(type.updatedAt()))));
    }

    boolean delete(TenantScope scope, String id) {
        return ObjectId.isValid(id)
                && types(scope).deleteOne(eq("_id", new ObjectId(id))).getDeletedCount() == 1;
    }

    public Optional<ContentType> find(TenantScope scope, String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(types(scope).findOne(eq("_id", new ObjectId(id))))
                .map(ContentTypeRepository::toType);
    }

    public List<ContentType> list(TenantScope scope) {
        List<ContentType> types = new ArrayList<>();
        for (Document document : types(scope).find(null).sort(Sorts.ascending("nameKey"))) {
            types.add(toType(document));
        }
        return types;
    }

    long count(TenantScope scope) {
        return types(scope).count(null);
    }

    static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static ContentType toType(Document document) {
        return new ContentType(
                document.getObjectId("_id").toHexString(),
                document.getString("groupID"),
                document.getString("name"),
                FieldSpec.fromDocuments(document.getList("fields", Document.class, List.of())),
                Boolean.TRUE.equals(document.getBoolean("acceptsSubmissions")),
                document.getDate("createdAt").toInstant(),
                document.getDate("updatedAt").toInstant());
    }
}
