package io.vivreal.content.schema;

import io.vivreal.content.media.MediaLookup;
import io.vivreal.content.media.MediaRecord;
import io.vivreal.core.domain.FieldProblem;
import io.vivreal.core.tenancy.TenantScope;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Checks a value object ({@code objectValue}) against a schema strictly and turns it into what is
 * stored: every problem at once, each with its path and a reason a person can act on. Types are
 * not coerced — a {@code decimal} given {@code "12"} or a {@code boolean} given {@code "true"} is
 * an error — because a site template that renders {@code "false"} as true is exactly the bug this
 * prevents. {@code dateTime} values are stored as real dates so they sort and compare.
 */
public final class ValueValidator {

    static final int MAX_TEXT = 5_000;
    static final int MAX_LONG_TEXT = 500_000;
    static final int MAX_SLUG = 200;
    static final int MAX_LIST = 500;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final MediaLookup media;

    public ValueValidator(MediaLookup media) {
        this.media = media;
    }

    /** The stored form of {@code raw}, or a {@link ValidationException} listing every problem. */
    public Document validate(TenantScope scope, Object raw, List<FieldSpec> fields, String path) {
        List<FieldProblem> problems = new ArrayList<>();
        Document stored = new Document();
        if (!(raw instanceof Map<?, ?> values)) {
            throw new ValidationException(List.of(new FieldProblem(path, "must be an object")));
        }
        for (Object key : values.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                problems.add(new FieldProblem(path + "." + key, "unknown field"));
            }
        }
        for (FieldSpec field : fields) {
            Object value = values.get(field.name());
            String at = path + "." + field.name();
            if (value == null) {
                if (field.required()) {
                    problems.add(new FieldProblem(at, "is required"));
                }
                continue;
            }
            Object converted = convert(scope, field, value, at, problems);
            if (converted != null) {
                stored.append(field.name(), converted);
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return stored;
    }

    private Object convert(TenantScope scope, FieldSpec field, Object value, String at, List<FieldProblem> problems) {
        return switch (field.type()) {
            case TEXT -> text(value, MAX_TEXT, at, problems);
            case LONG_TEXT -> text(value, MAX_LONG_TEXT, at, problems);
            case SLUG -> {
                String text = text(value, MAX_SLUG, at, problems);
                if (text != null && !SLUG.matcher(text).matches()) {
                    problems.add(new FieldProblem(at, "must be lowercase letters and digits joined by single hyphens"));
                    yield null;
                }
                yield text;
            }
            case ENUM -> {
                if (!(value instanceof String text) || !field.options().contains(text)) {
                    problems.add(new FieldProblem(at, "must be one of " + String.join(", ", field.options())));
                    yield null;
                }
                yield text;
            }
            case INTEGER -> {
                if (value instanceof Integer || value instanceof Long) {
                    yield ((Number) value).longValue();
                }
                if (value instanceof BigInteger) {
                    problems.add(new FieldProblem(at, "is out of range"));
                } else {
                    problems.add(new FieldProblem(
                            at,
                            "must be a whole number" + (value instanceof Number ? "" : ", not " + describe(value))));
                }
                yield null;
            }
            case DECIMAL -> {
                if (value instanceof Number number && !(value instanceof BigInteger)) {
                    double decimal = number instanceof BigDecimal big ? big.doubleValue() : number.doubleValue();
                    if (Double.isFinite(decimal)) {
                        yield decimal;
                    }
                }
                problems.add(new FieldProblem(at, "must be a number, not " + describe(value)));
                yield null;
            }
            case BOOLEAN -> {
                if (value instanceof Boolean bool) {
                    yield bool;
                }
                problems.add(new FieldProblem(at, "must be true or false, not " + describe(value)));
                yield null;
            }
            case DATE -> {
                if (value instanceof String text
                        && DATE.matcher(text).matches()
                        && parses(() -> LocalDate.parse(text))) {
                    yield text;
                }
                problems.add(new FieldProblem(at, "must be a date like 2026-05-11"));
                yield null;
            }
            case DATE_TIME -> {
                Optional<Date> date = value instanceof String text ? dateTime(text) : Optional.empty();
                if (date.isEmpty()) {
                    problems.add(new FieldProblem(
                            at, "must be an ISO 8601 date-time with a zone, like 2026-05-11T10:00:00Z"));
                }
                yield date.orElse(null);
            }
            case TIME -> {
                if (value instanceof String text
                        && TIME.matcher(text).matches()
                        && parses(() -> LocalTime.parse(text))) {
                    yield text;
                }
                problems.add(new FieldProblem(at, "must be a time like 18:30 or 18:30:00"));
                yield null;
            }
            case IMAGE, FILE, VIDEO -> media(scope, field.type(), value, at, problems);
            case LIST -> list(scope, field, value, at, problems);
        };
    }

    private Object list(TenantScope scope, FieldSpec field, Object value, String at, List<FieldProblem> problems) {
        if (!(value instanceof List<?> list)) {
            problems.add(new FieldProblem(at, "must be a list"));
            return null;
        }
        if (list.size() > MAX_LIST) {
            problems.add(new FieldProblem(at, "must have at most " + MAX_LIST + " items"));
            return null;
        }
        List<Object> stored = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String itemPath = at + "[" + i + "]";
            if (list.get(i) == null) {
                problems.add(new FieldProblem(itemPath, "must not be null"));
                continue;
            }
            stored.add(convert(scope, field.items(), list.get(i), itemPath, problems));
        }
        return stored;
    }

    private Object media(TenantScope scope, FieldType type, Object value, String at, List<FieldProblem> problems) {
        Object key = value instanceof Map<?, ?> map ? map.get("key") : null;
        if (!(key instanceof String text) || text.isBlank() || text.length() > 200) {
            problems.add(new FieldProblem(at, "must be an uploaded file: {\"key\": \"<key from POST media>\"}"));
            return null;
        }
        Optional<MediaRecord> record = media.find(scope, text);
        if (record.isEmpty()) {
            problems.add(new FieldProblem(at, "no uploaded file has this key"));
            return null;
        }
        MediaRecord file = record.get();
        if (type == FieldType.IMAGE && !file.isImage() || type == FieldType.VIDEO && !file.isVideo()) {
            problems.add(new FieldProblem(
                    at, "must be " + (type == FieldType.IMAGE ? "an image" : "a video") + ", not " + file.type()));
            return null;
        }
        return new Document("key", file.key())
                .append("name", file.name())
                .append("type", file.type())
                .append("size", file.size());
    }

    private static String text(Object value, int max, String at, List<FieldProblem> problems) {
        if (!(value instanceof String text)) {
            problems.add(new FieldProblem(at, "must be text, not " + describe(value)));
            return null;
        }
        if (text.length() > max) {
            problems.add(new FieldProblem(at, "must be at most " + max + " characters"));
            return null;
        }
        return text;
    }

    static Optional<Date> dateTime(String text) {
        try {
            return Optional.of(Date.from(OffsetDateTime.parse(text).toInstant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return "this value";
    }
}
