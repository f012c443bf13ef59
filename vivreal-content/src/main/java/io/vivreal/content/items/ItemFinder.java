package io.vivreal.content.items;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.model.Sorts;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.tenancy.TenantCollection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Runs an {@link ItemQuery} over one content type of one tenant. Values are matched as literals:
 * a filter value is compared with equality (as text, or as the number or boolean it spells), and
 * search text is quoted before it becomes a case-insensitive pattern.
 */
public final class ItemFinder {

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d{1,15})?");

    /** Which items a listing may show. */
    public enum Visibility {
        /** The Client API's gate: {@code publishDate <= now} and not archived. */
        PUBLISHED,
        /** Everything (preview, the Management API). */
        ALL,
        DRAFT,
        SCHEDULED,
        ARCHIVED
    }

    public record Page(List<Document> items, long totalCount) {}

    private final Clock clock;

    public ItemFinder(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param collection the tenant collection, already scoped
     * @param selector which items: for content, {@code collectionId = <type id>}; for channel
     *     objects, {@code platform = <type>}
     * @param textFields the fields {@code search} looks in
     */
    public Page find(
            TenantCollection collection,
            Bson selector,
            List<FieldSpec> textFields,
            ItemQuery query,
            Visibility visibility) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(selector);
        conditions.addAll(visibility(visibility));
        query.filters().forEach((field, value) -> conditions.add(in("objectValue." + field, literals(value))));
        if (query.search() != null) {
            conditions.add(search(textFields, query.search()));
        }
        Bson filter = and(conditions);
        long total = collection.count(filter);
        Bson sort = query.ascending()
                ? Sorts.orderBy(Sorts.ascending(query.sortField()), Sorts.ascending("_id"))
                : Sorts.orderBy(Sorts.descending(query.sortField()), Sorts.descending("_id"));
        List<Document> page = new ArrayList<>();
        collection
                .find(filter)
                .sort(sort)
                .skip(query.skip())
                .limit(query.limit())
                .into(page);
        return new Page(page, total);
    }

    public static Visibility visibility(String status) {
        if (status == null || status.isEmpty()) {
            return Visibility.ALL;
        }
        return switch (status) {
            case "published" -> Visibility.PUBLISHED;
            case "draft" -> Visibility.DRAFT;
            case "scheduled" -> Visibility.SCHEDULED;
            case "archived" -> Visibility.ARCHIVED;
            default ->
                throw DomainException.invalid("status", "status must be draft, scheduled, published or archived");
        };
    }

    private List<Bson> visibility(Visibility visibility) {
        Date now = Date.from(clock.instant());
        return switch (visibility) {
            case PUBLISHED -> List.of(lte("publishDate", now), ne("archived", true));
            case ALL -> List.of();
            case DRAFT -> List.of(eq("publishDate", null), ne("archived", true));
            case SCHEDULED -> List.of(gt("publishDate", now), ne("archived", true));
            case ARCHIVED -> List.of(eq("archived", true));
        };
    }

    private static List<Object> literals(String value) {
        List<Object> literals = new ArrayList<>(List.of(value));
        if (value.equals("true") || value.equals("false")) {
            literals.add(Boolean.parseBoolean(value));
        } else if (NUMBER.matcher(value).matches()) {
            literals.add(value.contains(".") ? (Object) Double.parseDouble(value) : (Object) Long.parseLong(value));
            literals.add(Double.parseDouble(value));
        }
        return literals;
    }

    private static Bson search(List<FieldSpec> textFields, String text) {
        Pattern literal = Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE);
        List<Bson> fields = new ArrayList<>();
        for (FieldSpec field : textFields) {
            fields.add(regex("objectValue." + field.name(), literal));
        }
        return fields.isEmpty() ? eq("_id", null) : or(fields);
    }
}
