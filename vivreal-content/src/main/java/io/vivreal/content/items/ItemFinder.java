package io.vivreal.content.items;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.load.QueryPermits;
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
 *
 * <p>A listing is the most memory-hungry read there is, so it runs under {@link QueryPermits}
 * (bounded in total and per group) and hands its items to an {@link ItemSink} one small batch at a
 * time; the sink stops it when the page it writes is full, and the cursor is closed at once.
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

    /** Receives a listing's items in order; answers false when it wants no more (its page is full). */
    @FunctionalInterface
    public interface ItemSink {
        boolean accept(Document item);
    }

    /** Documents fetched per round trip: a page of large items is never decoded all at once. */
    static final int BATCH = 16;

    private final Clock clock;
    private final QueryPermits permits;

    public ItemFinder(Clock clock, QueryPermits permits) {
        this.clock = clock;
        this.permits = permits;
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
        List<Document> page = new ArrayList<>();
        long total = find(collection, selector, textFields, query, visibility, page::add);
        return new Page(page, total);
    }

    /**
     * Streams the page's items to {@code sink}, holding one of the group's listing permits while
     * the store is read and the sink writes; answers the total count of matching items.
     *
     * @param collection the tenant collection, already scoped
     * @param selector which items: for content, {@code collectionId = <type id>}; for channel
     *     objects, {@code platform = <type>}
     * @param textFields the fields {@code search} looks in
     */
    public long find(
            TenantCollection collection,
            Bson selector,
            List<FieldSpec> textFields,
            ItemQuery query,
            Visibility visibility,
            ItemSink sink) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(selector);
        conditions.addAll(visibility(visibility));
        query.filters().forEach((field, value) -> conditions.add(in("objectValue." + field, literals(value))));
        if (query.search() != null) {
            conditions.add(search(textFields, query.search()));
        }
        Bson filter = and(conditions);
        Bson sort = query.ascending()
                ? Sorts.orderBy(Sorts.ascending(query.sortField()), Sorts.ascending("_id"))
                : Sorts.orderBy(Sorts.descending(query.sortField()), Sorts.descending("_id"));
        return permits.run(collection.scope().groupID(), () -> {
            long total = collection.count(filter);
            try (MongoCursor<Document> cursor = collection
                    .find(filter)
                    .sort(sort)
                    .skip(query.skip())
                    .limit(query.limit())
                    .batchSize(BATCH)
                    .cursor()) {
                while (cursor.hasNext() && sink.accept(cursor.next())) {
                    // the sink keeps what it needs
                }
            }
            return total;
        });
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

    /**
     * The values a filter value matches: the text itself, and the boolean or number it spells.
     * Public so an in-memory index matches exactly what the store query matches.
     */
    public static List<Object> literals(String value) {
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
