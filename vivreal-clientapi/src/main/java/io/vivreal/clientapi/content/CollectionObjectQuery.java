package io.vivreal.clientapi.content;

import io.vivreal.clientapi.web.ClientApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * A parsed, validated {@code collectionObjects} query. Everything a caller sends is checked
 * against a closed grammar before it comes near the store: field names are plain identifiers (no
 * {@code $}, no dots, so no operator or path injection), values are matched as literals, and sizes
 * are bounded.
 */
public record CollectionObjectQuery(
        ObjectId collectionId,
        int limit,
        int skip,
        String sortField,
        boolean ascending,
        String search,
        Map<String, String> filters) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_SKIP = 100_000;
    static final int MAX_FILTERS = 12;
    static final int MAX_VALUE_LENGTH = 200;
    static final int MAX_SEARCH_LENGTH = 200;
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Set<String> TOP_LEVEL_SORTS = Set.of("publishDate", "createdAt", "updatedAt");

    public static CollectionObjectQuery parse(Map<String, String[]> parameters) {
        String collectionId = single(parameters, "collectionId");
        if (collectionId == null || collectionId.isBlank()) {
            throw new ClientApiException("collectionId is required");
        }
        if (!ObjectId.isValid(collectionId) || collectionId.length() != 24) {
            throw new ClientApiException("collectionId must be a 24-character hex id");
        }
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
                throw new ClientApiException("sort must be <field>:asc or <field>:desc with a plain field name");
            }
            sortField = TOP_LEVEL_SORTS.contains(field) ? field : "objectValue." + field;
            ascending = direction.equals("asc");
        }
        String search = single(parameters, "search");
        if (search != null && search.length() > MAX_SEARCH_LENGTH) {
            throw new ClientApiException("search must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        return new CollectionObjectQuery(
                new ObjectId(collectionId),
                limit,
                skip,
                sortField,
                ascending,
                search == null || search.isBlank() ? null : search,
                filters(parameters));
    }

    private static Map<String, String> filters(Map<String, String[]> parameters) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith("filters")) {
                continue;
            }
            if (!name.startsWith("filters[") || !name.endsWith("]")) {
                throw new ClientApiException("filters must be written filters[<field>]=<value>");
            }
            String field = name.substring("filters[".length(), name.length() - 1);
            if (!FIELD.matcher(field).matches()) {
                throw new ClientApiException("filter field names must be plain identifiers (letters, digits, _)");
            }
            if (parameter.getValue().length != 1) {
                throw new ClientApiException("filters[" + field + "] given more than once");
            }
            String value = parameter.getValue()[0];
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new ClientApiException("filter values must be at most " + MAX_VALUE_LENGTH + " characters");
            }
            filters.put(field, value);
        }
        if (filters.size() > MAX_FILTERS) {
            throw new ClientApiException("at most " + MAX_FILTERS + " filters are allowed");
        }
        return filters;
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new ClientApiException(name + " given more than once");
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
            throw new ClientApiException(name + " must be an integer between " + min + " and " + max);
        }
        if (parsed < min || parsed > max) {
            throw new ClientApiException(name + " must be an integer between " + min + " and " + max);
        }
        return parsed;
    }
}
