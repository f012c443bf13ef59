package io.vivreal.content.schema;

import io.vivreal.core.domain.FieldProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a content type's field list from JSON (as maps and lists) into {@link FieldSpec}s,
 * collecting every problem with its path ({@code fields[2].options}). Field names are plain ASCII
 * identifiers that may hold {@code _} and {@code -} (real sites use {@code filter-type}), the same
 * grammar the Client API's filters and sorts accept: no {@code $}, no dot, no look-alike letter, so
 * no stored name can ever be an operator or a path.
 *
 * <p>An {@code object} field nests a field list of its own, at most {@value #MAX_DEPTH} levels
 * deep and {@value #MAX_TOTAL_FIELDS} fields in all: without the total, a hundred fields of a
 * hundred fields would make a schema of a hundred million specs.
 */
public final class SchemaParser {

    public static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    static final int MAX_FIELDS = 100;
    /** Levels of {@code object} fields, the top-level list being level 1. */
    public static final int MAX_DEPTH = 4;

    static final int MAX_TOTAL_FIELDS = 500;
    static final int MAX_OPTIONS = 200;
    static final int MAX_OPTION_LENGTH = 200;

    private SchemaParser() {}

    public static List<FieldSpec> parseFields(Object raw, String path) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!(raw instanceof List<?>)) {
            throw new ValidationException(List.of(new FieldProblem(path, "must be a list of fields")));
        }
        List<FieldSpec> fields = fieldList(raw, path, 1, new int[1], problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return fields;
    }

    /** One level's field list; {@code total} counts the fields of every level together. */
    private static List<FieldSpec> fieldList(
            Object raw, String path, int depth, int[] total, List<FieldProblem> problems) {
        if (!(raw instanceof List<?> list)) {
            problems.add(new FieldProblem(path, "must be a list of fields"));
            return List.of();
        }
        if (list.size() > MAX_FIELDS) {
            problems.add(new FieldProblem(path, "at most " + MAX_FIELDS + " fields"));
            return List.of();
        }
        total[0] += list.size();
        if (total[0] > MAX_TOTAL_FIELDS) {
            problems.add(
                    new FieldProblem(path, "at most " + MAX_TOTAL_FIELDS + " fields in all, nested ones included"));
            return List.of();
        }
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            FieldSpec field = parseField(list.get(i), at, true, depth, total, problems);
            if (list.get(i) instanceof Map<?, ?> map && map.get("name") instanceof String name && !names.add(name)) {
                problems.add(new FieldProblem(at + ".name", "duplicate field name '" + name + "'"));
            }
            fields.add(field);
        }
        return problems.isEmpty() ? List.copyOf(fields) : List.of();
    }

    private static FieldSpec parseField(
            Object raw, String at, boolean named, int depth, int[] total, List<FieldProblem> problems) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(new FieldProblem(at, "must be an object with name and type"));
            return null;
        }
        int before = problems.size();
        for (Object key : map.keySet()) {
            if (!Set.of("name", "type", "required", "options", "items", "fields")
                    .contains(key)) {
                problems.add(new FieldProblem(at + "." + key, "unknown property"));
            }
        }
        String name = null;
        if (named) {
            Object rawName = map.get("name");
            if (!(rawName instanceof String text) || !FIELD_NAME.matcher(text).matches()) {
                problems.add(new FieldProblem(
                        at + ".name", "must start with a letter and use only letters, digits, _ and - (at most 64)"));
            } else {
                name = text;
            }
        } else if (map.containsKey("name")) {
            problems.add(new FieldProblem(at + ".name", "list items have no name"));
        }
        Object rawType = map.get("type");
        FieldType type = rawType instanceof String text ? FieldType.of(text).orElse(null) : null;
        if (type == null) {
            problems.add(new FieldProblem(at + ".type", "must be one of " + typeNames()));
        }
        Object required = map.get("required");
        if (required != null && !(required instanceof Boolean)) {
            problems.add(new FieldProblem(at + ".required", "must be true or false"));
        }
        List<String> options = List.of();
        if (type == FieldType.ENUM) {
            options = options(map.get("options"), at + ".options", problems);
        } else if (map.containsKey("options")) {
            problems.add(new FieldProblem(at + ".options", "only enum fields have options"));
        }
        FieldSpec items = null;
        if (type == FieldType.LIST) {
            if (map.get("items") == null) {
                problems.add(new FieldProblem(at + ".items", "a list needs an item schema, e.g. {\"type\":\"text\"}"));
            } else {
                items = parseField(map.get("items"), at + ".items", false, depth, total, problems);
                if (items != null && items.type() == FieldType.LIST) {
                    problems.add(new FieldProblem(at + ".items.type", "lists of lists are not supported"));
                }
            }
        } else if (map.containsKey("items")) {
            problems.add(new FieldProblem(at + ".items", "only list fields have items"));
        }
        List<FieldSpec> fields = List.of();
        if (type == FieldType.OBJECT) {
            Object nested = map.get("fields");
            if (depth >= MAX_DEPTH) {
                problems.add(new FieldProblem(at, "objects nest at most " + MAX_DEPTH + " levels deep"));
            } else if (!(nested instanceof List<?> list) || list.isEmpty()) {
                problems.add(new FieldProblem(
                        at + ".fields",
                        "an object needs a non-empty list of fields, e.g. [{\"name\":\"url\",\"type\":\"text\"}]"));
            } else {
                fields = fieldList(nested, at + ".fields", depth + 1, total, problems);
            }
        } else if (map.containsKey("fields")) {
            problems.add(new FieldProblem(at + ".fields", "only object fields have fields"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new FieldSpec(name, type, Boolean.TRUE.equals(required), options, items, fields);
    }

    private static List<String> options(Object raw, String at, List<FieldProblem> problems) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            problems.add(new FieldProblem(at, "an enum needs a non-empty list of options"));
            return List.of();
        }
        if (list.size() > MAX_OPTIONS) {
            problems.add(new FieldProblem(at, "at most " + MAX_OPTIONS + " options"));
            return List.of();
        }
        List<String> options = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object option = list.get(i);
            if (!(option instanceof String text) || text.isEmpty() || text.length() > MAX_OPTION_LENGTH) {
                problems.add(new FieldProblem(
                        at + "[" + i + "]", "options are non-empty strings of at most 200 characters"));
            } else if (options.contains(text)) {
                problems.add(new FieldProblem(at + "[" + i + "]", "duplicate option '" + text + "'"));
            } else {
                options.add(text);
            }
        }
        return options;
    }

    private static String typeNames() {
        List<String> names = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            names.add(type.wireName());
        }
        return String.join(", ", names);
    }
}
