package io.vivreal.clientapi.content;

import io.vivreal.authorizer.Tenant;
import io.vivreal.clientapi.web.ClientApiResponses;
import io.vivreal.clientapi.web.ClientApiResponses.Rendered;
import io.vivreal.clientapi.web.ReadModel;
import io.vivreal.content.items.ItemFinder.Visibility;
import io.vivreal.content.items.ItemQuery;
import io.vivreal.core.domain.DomainException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * The Client API routes whose answers the {@link ReadModel} serves, as one plain class that both
 * serving paths call: Spring MVC's {@link ContentRoutes} and the {@link LeanPathFilter}. Each
 * route validates its query here — the same parsing, the same {@link DomainException} naming the
 * field at fault — and names the rendering that fills the read model, so the two paths cannot
 * disagree on what a query means.
 */
public final class CachedReads {

    public static final String COLLECTION_OBJECTS = "collectionObjects";
    public static final String INTEGRATION_OBJECTS = "integrationObjects";

    private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

    /** A validated read: the read model's route name and how to render its answer. */
    public record Read(String route, Supplier<Rendered> render) {}

    private final ContentReader reader;

    public CachedReads(ContentReader reader) {
        this.reader = reader;
    }

    /**
     * The read for a request path ({@code /tenant/<route>}), or {@code null} when the read model
     * does not serve that path.
     *
     * @throws DomainException when the query is invalid
     */
    public Read forPath(String path, Tenant tenant, Map<String, String[]> parameters) {
        return switch (path) {
            case "/tenant/" + COLLECTION_OBJECTS -> collectionObjects(tenant, parameters);
            case "/tenant/" + INTEGRATION_OBJECTS -> integrationObjects(tenant, parameters);
            default -> null;
        };
    }

    /** {@code GET /tenant/collectionObjects}: published items of one content type. */
    public Read collectionObjects(Tenant tenant, Map<String, String[]> parameters) {
        ObjectId collectionId = ItemQuery.requiredId(parameters, "collectionId");
        ItemQuery query = ItemQuery.parse(parameters);
        return new Read(
                COLLECTION_OBJECTS,
                () -> ClientApiResponses.renderData(
                        reader.collectionObjects(tenant, collectionId, query, Visibility.PUBLISHED)));
    }

    /** {@code GET /tenant/integrationObjects}: one platform's published integration objects. */
    public Read integrationObjects(Tenant tenant, Map<String, String[]> parameters) {
        String platform = ItemQuery.optional(parameters, "type");
        if (platform == null || !PLATFORM.matcher(platform).matches()) {
            throw DomainException.invalid("type", "type is required: the channel platform, like stripe or tiktok");
        }
        ItemQuery query = ItemQuery.parse(parameters);
        return new Read(
                INTEGRATION_OBJECTS,
                () -> ClientApiResponses.renderData(reader.integrationObjects(tenant, platform, query)));
    }
}
