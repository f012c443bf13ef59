package io.vivreal.clientapi.content;

import io.vivreal.content.items.ItemFinder;
import io.vivreal.content.items.ItemQuery;
import io.vivreal.content.schema.FieldSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An immutable snapshot of one content type's items for listing in memory: filter, sort, page and
 * count exactly as {@link ItemFinder}'s store query does on the embedded store — the same literals
 * ({@link ItemFinder#literals}), the same quoted search, case-insensitive in Unicode as the store
 * matches it, the BSON type order for
 * sorting (null, numbers, text, booleans, dates) with {@code _id} breaking ties. A query that
 * filters, sorts or searches on a field where some item holds a list or an object answers null:
 * the caller runs the store query, whose array semantics the index does not repeat.
 *
 * <p>A snapshot is replaced, never changed, so readers need no lock.
 *
 * @param generation the group's write generation the snapshot has seen
 * @param checkedAt ticker nanos when the store was last read for it
 * @param builtAt ticker nanos of the last full build
 * @param mark the highest {@code updatedAt} seen, epoch millis
 * @param fields the type's fields it was built for (a schema change rebuilds it)
 */
record TypeIndex(
        IndexedItem[] items,
        Set<String> complexFields,
        long generation,
        long checkedAt,
        long builtAt,
        long mark,
        List<FieldSpec> fields,
        long weight) {

    /** A query's answer: the total count and the requested page's items, in order. */
    record Hits(long total, List<IndexedItem> page) {}

    int size() {
        return items.length;
    }

    /** The answer to {@code query} at {@code nowMillis}, or null when the store must answer it. */
    Hits query(ItemQuery query, ItemFinder.Visibility visibility, long nowMillis, List<FieldSpec> textFields) {
        if (query.sortField().startsWith("objectValue.")
                && complexFields.contains(query.sortField().substring("objectValue.".length()))) {
            return null;
        }
        List<String> filterNames = new ArrayList<>(query.filters().size());
        List<List<Object>> filterValues = new ArrayList<>(query.filters().size());
        for (Map.Entry<String, String> filter : query.filters().entrySet()) {
            if (complexFields.contains(filter.getKey())) {
                return null;
            }
            filterNames.add(filter.getKey());
            filterValues.add(ItemFinder.literals(filter.getValue()));
        }
        String[] searchIn = null;
        Pattern search = null;
        if (query.search() != null) {
            searchIn = textFields.stream().map(FieldSpec::name).toArray(String[]::new);
            for (String name : searchIn) {
                if (complexFields.contains(name)) {
                    return null;
                }
            }
            search = Pattern.compile(Pattern.quote(query.search()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }
        IndexedItem[] matches = new IndexedItem[items.length];
        int count = 0;
        for (IndexedItem item : items) {
            if (visible(item, visibility, nowMillis)
                    && filtered(item, filterNames, filterValues)
                    && (search == null || searched(item, searchIn, search))) {
                matches[count++] = item;
            }
        }
        int from = Math.min(count, query.skip());
        int to = (int) Math.min(count, (long) query.skip() + query.limit());
        if (from == to) {
            return new Hits(count, List.of());
        }
        String field = query.sortField();
        Comparator<IndexedItem> ascending = Comparator.<IndexedItem, Object>comparing(
                        item -> item.sortValue(field), TypeIndex::compareValues)
                .thenComparing(IndexedItem::id);
        Arrays.sort(matches, 0, count, query.ascending() ? ascending : ascending.reversed());
        return new Hits(count, List.of(Arrays.copyOfRange(matches, from, to)));
    }

    private static boolean visible(IndexedItem item, ItemFinder.Visibility visibility, long now) {
        boolean draft = item.publishDate() == IndexedItem.NO_DATE;
        return switch (visibility) {
            case PUBLISHED -> !draft && item.publishDate() <= now && !item.archived();
            case ALL -> true;
            case DRAFT -> draft && !item.archived();
            case SCHEDULED -> !draft && item.publishDate() > now && !item.archived();
            case ARCHIVED -> item.archived();
        };
    }

    private static boolean filtered(IndexedItem item, List<String> names, List<List<Object>> values) {
        for (int i = 0; i < names.size(); i++) {
            if (!matchesAny(item.value(names.get(i)), values.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(Object stored, List<Object> literals) {
        if (stored == null) {
            return false;
        }
        for (Object literal : literals) {
            if (literal instanceof Number number) {
                if (stored instanceof Number value && Double.compare(value.doubleValue(), number.doubleValue()) == 0) {
                    return true;
                }
            } else if (literal.equals(stored)) {
                return true;
            }
        }
        return false;
    }

    private static boolean searched(IndexedItem item, String[] fields, Pattern search) {
        for (String name : fields) {
            if (item.value(name) instanceof String text && search.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    /** BSON's order of the scalar types the index keeps, then the values within a type. */
    static int compareValues(Object a, Object b) {
        int ta = typeOrder(a);
        int tb = typeOrder(b);
        if (ta != tb) {
            return Integer.compare(ta, tb);
        }
        if (a instanceof Number n) {
            return Double.compare(n.doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof String text) {
            return text.compareTo((String) b);
        }
        if (a instanceof Boolean bool) {
            return Boolean.compare(bool, (Boolean) b);
        }
        if (a instanceof Date date) {
            return date.compareTo((Date) b);
        }
        return 0;
    }

    private static int typeOrder(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number) {
            return 1;
        }
        if (value instanceof String) {
            return 2;
        }
        if (value instanceof Boolean) {
            return 6;
        }
        return value instanceof Date ? 7 : 9;
    }
}
