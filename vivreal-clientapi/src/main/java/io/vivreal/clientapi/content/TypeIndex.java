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
import java.util.PriorityQueue;
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
 * @param stamp the store's write stamp of the items collection taken before it was read, or
 *     {@link #NO_STAMP} where the store has none (see {@code TenantStore.writeStamp})
 * @param columns the values of the type's fields by name, one array in item order per field a
 *     query filtered or sorted on, filled on first use (at most one per field of the type)
 */
record TypeIndex(
        IndexedItem[] items,
        Set<String> complexFields,
        long generation,
        long checkedAt,
        long builtAt,
        long mark,
        List<FieldSpec> fields,
        long weight,
        long stamp,
        Map<String, Object[]> columns) {

    static final long NO_STAMP = Long.MIN_VALUE;

    /** Pages ending further down the order than this sort all matches. */
    private static final int TOP_K_LIMIT = 1000;

    /** A query's answer: the total count and the requested page's items, in order. */
    record Hits(long total, List<IndexedItem> page) {}

    /** The same snapshot, confirmed current at {@code now} for {@code generation}: nothing was written since. */
    TypeIndex confirmed(long generation, long now) {
        return new TypeIndex(items, complexFields, generation, now, builtAt, mark, fields, weight, stamp, columns);
    }

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
        Object[][] filterColumns = new Object[filterNames.size()][];
        for (int f = 0; f < filterColumns.length; f++) {
            filterColumns[f] = column(filterNames.get(f));
        }
        IndexedItem[] matches = new IndexedItem[items.length];
        int[] positions = new int[items.length];
        int count = 0;
        for (int i = 0; i < items.length; i++) {
            IndexedItem item = items[i];
            if (visible(item, visibility, nowMillis)
                    && filtered(item, i, filterNames, filterColumns, filterValues)
                    && (search == null || searched(item, searchIn, search))) {
                positions[count] = i;
                matches[count++] = item;
            }
        }
        int from = Math.min(count, query.skip());
        int to = (int) Math.min(count, (long) query.skip() + query.limit());
        if (from == to) {
            return new Hits(count, List.of());
        }
        return new Hits(count, page(query, matches, positions, count, from, to));
    }

    /**
     * Items {@code from} to {@code to} of the matches in the query's order. Each match's sort value
     * is read once; when the page ends early in the order (the usual first pages), only the best
     * {@code to} are kept while going through the matches instead of sorting them all.
     */
    private List<IndexedItem> page(
            ItemQuery query, IndexedItem[] matches, int[] positions, int count, int from, int to) {
        String field = query.sortField();
        Object[] sortColumn =
                field.startsWith("objectValue.") ? column(field.substring("objectValue.".length())) : null;
        Comparator<Ranked> ascending = Comparator.<Ranked, Object>comparing(Ranked::key, TypeIndex::compareValues)
                .thenComparing(each -> each.item().id());
        Comparator<Ranked> order = query.ascending() ? ascending : ascending.reversed();
        Ranked[] best;
        if (to <= TOP_K_LIMIT && to < count / 4) {
            PriorityQueue<Ranked> kept = new PriorityQueue<>(to + 1, order.reversed());
            for (int m = 0; m < count; m++) {
                Object key = sortColumn != null ? sortColumn[positions[m]] : matches[m].sortValue(field);
                Ranked ranked = new Ranked(key, matches[m]);
                if (kept.size() < to) {
                    kept.add(ranked);
                } else if (order.compare(ranked, kept.peek()) < 0) {
                    kept.poll();
                    kept.add(ranked);
                }
            }
            best = kept.toArray(Ranked[]::new);
        } else {
            best = new Ranked[count];
            for (int m = 0; m < count; m++) {
                Object key = sortColumn != null ? sortColumn[positions[m]] : matches[m].sortValue(field);
                best[m] = new Ranked(key, matches[m]);
            }
        }
        Arrays.sort(best, order);
        List<IndexedItem> page = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            page.add(best[i].item());
        }
        return page;
    }

    /**
     * The values of one of the type's fields for every item, in item order, built on first use and
     * kept with this snapshot; null for a name that is not one of the type's fields, so a query
     * naming made-up fields cannot make the snapshot grow.
     */
    private Object[] column(String name) {
        Object[] column = columns.get(name);
        if (column != null) {
            return column;
        }
        if (fields.stream().noneMatch(field -> field.name().equals(name))) {
            return null;
        }
        return columns.computeIfAbsent(name, n -> {
            Object[] values = new Object[items.length];
            for (int i = 0; i < items.length; i++) {
                values[i] = items[i].value(n);
            }
            return values;
        });
    }

    /** A match and the value it sorts by. */
    private record Ranked(Object key, IndexedItem item) {}

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

    private static boolean filtered(
            IndexedItem item, int position, List<String> names, Object[][] columns, List<List<Object>> values) {
        for (int f = 0; f < columns.length; f++) {
            Object stored = columns[f] != null ? columns[f][position] : item.value(names.get(f));
            if (!matchesAny(stored, values.get(f))) {
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
