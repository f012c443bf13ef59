package io.vivreal.content.items;

import io.vivreal.content.schema.SchemaParser;
import io.vivreal.core.domain.DomainException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * A parsed, validated item listing query ({@code limit}, {@code skip}, {@code sort}, {@code
 * search}, {@code filters[<field>]}), shared by the Client API and the Management API. Everything a caller sends is checked
 * against a closed grammar before it comes near the store: field names are plain ASCII identifiers (letters, digits, {@code _} and {@code -}; no
 * {@code $}, no dots, so no operator or path injection), values are matched as literals, and sizes
 * are bounded.
 */
public record ItemQuery(
        int limit, int skip, String sortField, boolean ascending, String search, Map<String, String> filters) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_SKIP = 100_000;
    static final int MAX_FILTERS = 12;
    static final int MAX_VALUE_LENGTH = 200;
    static final int MAX_SEARCH_LENGTH = 200;
    private static final Pattern FIELD = SchemaParser.FIELD_NAME;
    private static final Set<String> TOP_LEVEL_SORTS = Set.of("publishDate", "createdAt", "updatedAt");

    public static ItemQuery parse(Map<String, String[]> parameters) {
        int limit = integer(parameters, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int skip = integer(parameters, "skip", 0, 0, MAX_SKIP);
        String sort = single(parameters, "sort");
        String sortField = "createdAt";
        boolean ascending = false;
        if (sort != null) {
            int colon = sort.indexOf(':');
            String field = colon < 0 ? sort : sort.substring(0, colon);
            String direction = colon < 0 ? "asc" : sort.substring(colon + 1);
            if (!FIELD.matcher(field).matches() || !(direction.equals("asc") || direction.equals("desc"))) {
                throw invalid("sort must be <field>:asc or <field>:desc with a plain field name");
            }
            sortField = TOP_LEVEL_SORTS.contains(field) ? field : "objectValue." + field;
            ascending = direction.equals("asc");
        }
        String search = single(parameters, "search");
        if (search != null && search.length() > MAX_SEARCH_LENGTH) {
            throw invalid("search must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        return new ItemQuery(
                limit,
                skip,
                sortField,
                ascending,
                search == null || search.isBlank() ? null : search,
                filters(parameters));
    }

    /** A required id parameter ({@code collectionId}, {@code siteId}) as an ObjectId. */
    public static ObjectId requiredId(Map<String, String[]> parameters, String name) {
        String id = single(parameters, name);
        if (id == null || id.isBlank()) {
            throw invalid(name + " is required");
        }
        if (id.length() != 24 || !ObjectId.isValid(id)) {
            throw invalid(name + " must be a 24-character hex id");
        }
        return new ObjectId(id);
    }

    /** An optional single-valued parameter. */
    public static String optional(Map<String, String[]> parameters, String name) {
        return single(parameters, name);
    }

    private static Map<String, String> filters(Map<String, String[]> parameters) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith("filters")) {
                continue;
            }
            if (!name.startsWith("filters[") || !name.endsWith("]")) {
                throw invalid("filters must be written filters[<field>]=<value>");
            }
            String field = name.substring("filters[".length(), name.length() - 1);
            if (!FIELD.matcher(field).matches()) {
                throw invalid("filter field names must be plain identifiers (letters, digits, _ and -)");
            }
            if (parameter.getValue().length != 1) {
                throw invalid("filters[" + field + "] given more than once");
            }
            String value = parameter.getValue()[0];
            if (value.length() > MAX_VALUE_LENGTH) {
                throw invalid("filter values must be at most " + MAX_VALUE_LENGTH + " characters");
            }
            filters.put(field, value);
        }
        if (filters.size() > MAX_FILTERS) {
            throw invalid("at most " + MAX_FILTERS + " filters are allowed");
        }
        return filters;
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw invalid(name + " given more than once");
        }
        return values[0];
    }

    private static int integer(Map<String, String[]> parameters, String name, int fallback, int min, int max) {
        String value = single(parameters, name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an integer between " + min + " and " + max);
        }
        if (parsed < min || parsed > max) {
            throw invalid(name + " must be an integer between " + min + " and " + max);
        }
        return parsed;
    }

    private static DomainException invalid(String message) {
        return new DomainException(DomainException.Kind.INVALID, "invalid_query", message, null);
    }
}
