package io.vivreal.content.sites;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vivreal.content.schema.FieldSpec;
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

/** Sites in the tenant's {@code sites} collection, reached only through a tenant scope. */
public final class SiteRepository implements IndexDefinitions {

    public static final String COLLECTION = "sites";

    private final TenantStore store;

    public SiteRepository(TenantStore store) {
        this.store = store;
    }

    @Override
    public List<IndexSpec> tenant() {
        return List.of(IndexSpec.of(COLLECTION, new Document("groupID", 1).append("createdAt", 1)));
    }

    private TenantCollection sites(TenantScope scope) {
        return store.collection(scope, COLLECTION);
    }

    /** Whether {@code id} can name a site at all; anything else is simply not found. */
    public static boolean isId(String id) {
        return id != null && id.length() == 24 && ObjectId.isValid(id);
    }

    void insert(TenantScope scope, Site site) {
        Document document = new Document("_id", new ObjectId(site.id()));
        content(document, site.content());
        document.append("createdAt", Date.from(site.createdAt())).append("updatedAt", Date.from(site.updatedAt()));
        sites(scope).insertOne(document);
    }

    boolean replace(TenantScope scope, String id, SiteContent content, Instant updatedAt) {
        if (!isId(id)) {
            return false;
        }
        Document fields = content(new Document(), content).append("updatedAt", Date.from(updatedAt));
        List<org.bson.conversions.Bson> updates = new ArrayList<>();
        fields.forEach((name, value) -> updates.add(Updates.set(name, value)));
        return sites(scope)
                        .updateOne(eq("_id", new ObjectId(id)), Updates.combine(updates))
                        .getMatchedCount()
                == 1;
    }

    boolean delete(TenantScope scope, String id) {
        return isId(id) && sites(scope).deleteOne(eq("_id", new ObjectId(id))).getDeletedCount() == 1;
    }

    public Optional<Site> find(TenantScope scope, String id) {
        if (!isId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(sites(scope).findOne(eq("_id", new ObjectId(id))))
                .map(SiteRepository::toSite);
    }

    public List<Site> list(TenantScope scope, int limit, int skip) {
        List<Site> found = new ArrayList<>();
        for (Document document : sites(scope)
                .find(null)
                .sort(Sorts.orderBy(Sorts.ascending("createdAt"), Sorts.ascending("_id")))
                .skip(skip)
                .limit(limit)) {
            found.add(toSite(document));
        }
        return found;
    }

    private static Document content(Document document, SiteContent content) {
        return document.append("name", content.name())
                .append("domainName", content.domainName())
                .append("domainInformation", content.domainInformation())
                .append(
                        "siteDetails",
                        new Document("schema", FieldSpec.toDocuments(content.schema()))
                                .append("values", content.values()))
                .append("businessInfo", content.businessInfo())
                .append("socialLinks", content.socialLinks())
                .append("pages", content.pages())
                .append("homeSections", content.homeSections())
                .append("navigation", content.navigation())
                .append("parts", content.parts());
    }

    @SuppressWarnings("unchecked")
    static Site toSite(Document document) {
        Document details = document.get("siteDetails", new Document());
        SiteContent content = new SiteContent(
                document.getString("name"),
                document.getString("domainName"),
                document.get("domainInformation", new Document()),
                FieldSpec.fromDocuments(details.getList("schema", Document.class, List.of())),
                details.get("values", new Document()),
                document.get("businessInfo", new Document()),
                document.getList("socialLinks", Document.class, List.of()),
                (List<Object>) document.get("pages", List.of()),
                (List<Object>) document.get("homeSections", List.of()),
                document.getList("navigation", Document.class, List.of()),
                document.get("parts", new Document()));
        return new Site(
                document.getObjectId("_id").toHexString(),
                document.getString("groupID"),
                content,
                document.getDate("createdAt").toInstant(),
                document.getDate("updatedAt").toInstant());
    }
}
