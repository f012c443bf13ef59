package io.vivreal.clientapi.content;

import io.vivreal.content.items.ItemQuery;
import io.vivreal.content.schema.FieldSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Applies an {@link ItemQuery} to items held in memory with the same meaning the store query has
 * ({@code ItemFinder}): the publish gate, literal equality filters (text, or the number or boolean
 * the text spells; an array matches when an element does), case-insensitive literal search over
 * the text fields, and MongoDB's sort order across types (missing and null first, then numbers,
 * text, objects, arrays, booleans, dates), ties broken by {@code _id}.
 */
final class InMemoryQuery {

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d{1,15})?");

    private InMemoryQuery() {}

    record Result(List<Document> page, long totalCount) {}

    static Result apply(List<Document> items, ItemQuery query, List<FieldSpec> textFields, Date now) {
        List<Document> matching = new ArrayList<>();
        String search = query.search() == null ? null : query.search().toLowerCase(Locale.ROOT);
        for (Document item : items) {
            Date publish = item.getDate("publishDate");
            if (publish == null || publish.after(now) || Boolean.TRUE.equals(item.getBoolean("archived"))) {
                continue;
            }
            Document values = item.get("objectValue", Document.class);
            if (values == null) {
                values = new Document();
            }
            if (matchesFilters(values, query.filters())
                    && (search == null || matchesSearch(values, textFields, search))) {
                matching.add(item);
            }
        }
        Comparator<Document> order = Comparator.comparing(
                        (Document d) -> sortValue(d, query.sortField()), InMemoryQuery::compareBson)
                .thenComparing(d -> d.getObjectId("_id"));
        matching.sort(query.ascending() ? order : order.reversed());
        int from = Math.min(query.skip(), matching.size());
        int to = Math.min(from + query.limit(), matching.size());
        return new Result(List.copyOf(matching.subList(from, to)), matching.size());
    }

    private static boolean matchesFilters(Document values, Map<String, String> filters) {
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            Object value = values.get(filter.getKey());
            boolean matches = value instanceof List<?> list
                    ? list.stream().anyMatch(element -> literalEquals(element, filter.getValue()))
                    : literalEquals(value, filter.getValue());
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private static boolean literalEquals(Object value, String literal) {
        if (value instanceof String text) {
            return text.equals(literal);
        }
        if (value instanceof Boolean bool) {
            return (literal.equals("true") || literal.equals("false")) && bool == Boolean.parseBoolean(literal);
        }
        if (value instanceof Number number && NUMBER.matcher(literal).matches()) {
            return number.doubleValue() == Double.parseDouble(literal);
        }
        return false;
    }

    private static boolean matchesSearch(Document values, List<FieldSpec> textFields, String search) {
        for (FieldSpec field : textFields) {
            if (values.get(field.name()) instanceof String text
                    && text.toLowerCase(Locale.ROOT).contains(search)) {
                return true;
            }
        }
        return false;
    }

    private static Object sortValue(Document item, String sortField) {
        if (sortField.startsWith("objectValue.")) {
            Document values = item.get("objectValue", Document.class);
            return values == null ? null : values.get(sortField.substring("objectValue.".length()));
        }
        return item.get(sortField);
    }

    /** MongoDB's order of BSON types, then the natural order within a type. */
    private static int compareBson(Object a, Object b) {
        int rank = Integer.compare(rank(a), rank(b));
        if (rank != 0) {
            return rank;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof Date x && b instanceof Date y) {
            return x.compareTo(y);
        }
        if (a instanceof ObjectId x && b instanceof ObjectId y) {
            return x.compareTo(y);
        }
        return 0;
    }

    private static int rank(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number) {
            return 1;
        }
        if (value instanceof String) {
            return 2;
        }
        if (value instanceof Map<?, ?>) {
            return 3;
        }
        if (value instanceof List<?>) {
            return 4;
        }
        if (value instanceof ObjectId) {
            return 5;
        }
        if (value instanceof Boolean) {
            return 6;
        }
        if (value instanceof Date) {
            return 7;
        }
        return 8;
    }
}
