package io.vivreal.content.schema;

import io.vivreal.content.media.MediaLookup;
import io.vivreal.content.media.MediaRecord;
import io.vivreal.core.domain.FieldProblem;
import io.vivreal.core.tenancy.TenantScope;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * Checks a value object ({@code objectValue}) against a schema strictly and turns it into what is
 * stored: every problem at once, each with its path and a reason a person can act on. Types are
 * not coerced — a {@code decimal} given {@code "12"} or a {@code boolean} given {@code "true"} is
 * an error — because a site template that renders {@code "false"} as true is exactly the bug this
 * prevents. {@code dateTime} values are stored as real dates so they sort and compare.
 *
 * <p>Whatever the schema allows field by field, a value object holds at most {@link
 * #MAX_MEDIA_REFERENCES} media references and takes at most {@link #MAX_STORED_BYTES} stored:
 * those two bounds are what keep every answer built from it, and every page of such answers,
 * bounded in memory.
 */
public final class ValueValidator {

    static final int MAX_TEXT = 5_000;
    static final int MAX_LONG_TEXT = 200_000;
    static final int MAX_SLUG = 200;
    static final int MAX_LIST = 500;
    /** How much of an enum's option list a refusal repeats. */
    static final int MAX_OPTIONS_NAMED = 120;
    /**
     * Media references one value object may hold, all fields and lists together. Each is looked up
     * when written and becomes a signed URL in every answer that shows it, so their number bounds
     * both the write's store reads and the size of what the Client API renders.
     */
    public static final int MAX_MEDIA_REFERENCES = 200;
    /** The most one stored value object may take (BSON), whatever its fields allow one by one. */
    public static final int MAX_STORED_BYTES = 256 * 1024;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static final DocumentCodec DOCUMENTS = new DocumentCodec();
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final MediaLookup media;

    public ValueValidator(MediaLookup media) {
        this.media = media;
    }

    /** The stored form of {@code raw}, or a {@link ValidationException} listing every problem. */
    public Document validate(TenantScope scope, Object raw, List<FieldSpec> fields, String path) {
        Run run = new Run(scope);
        List<FieldProblem> problems = run.problems;
        if (!(raw instanceof Map<?, ?>)) {
            throw new ValidationException(List.of(new FieldProblem(path, "must be an object")));
        }
        Document stored = object(run, fields, raw, path);
        if (run.mediaReferences > MAX_MEDIA_REFERENCES) {
            problems.add(new FieldProblem(
                    path,
                    "holds " + run.mediaReferences + " media references; at most " + MAX_MEDIA_REFERENCES
                            + " are allowed in one item"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        int size = storedSize(stored);
        if (size > MAX_STORED_BYTES) {
            throw new ValidationException(List.of(new FieldProblem(
                    path, "takes " + size + " bytes stored; at most " + MAX_STORED_BYTES + " are allowed")));
        }
        return stored;
    }

    /** The BSON size of a stored value object. */
    public static int storedSize(Document stored) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            DOCUMENTS.encode(writer, stored, EncoderContext.builder().build());
        }
        return buffer.getPosition();
    }

    /** One validation's state: its problems, and the media it has counted and looked up. */
    private static final class Run {
        final TenantScope scope;
        final List<FieldProblem> problems = new ArrayList<>();
        final Map<String, Optional<MediaRecord>> media = new HashMap<>();
        int mediaReferences;

        Run(TenantScope scope) {
            this.scope = scope;
        }
    }

    private Object convert(Run run, FieldSpec field, Object value, String at) {
        List<FieldProblem> problems = run.problems;
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
                    problems.add(new FieldProblem(at, "must be one of " + optionsInBrief(field.options())));
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
                            at,
                            "must be an ISO 8601 date-time with a zone in years 0001-9999, like 2026-05-11T10:00:00Z"));
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
            case IMAGE, FILE, VIDEO -> media(run, field.type(), value, at);
            case LIST -> list(run, field, value, at);
            case OBJECT -> object(run, field.fields(), value, at);
        };
    }

    /**
     * The fields of one object, top-level or nested: unknown keys are refused, so a nested value can
     * hold nothing its schema does not name. The schema bounds the depth ({@link
     * SchemaParser#MAX_DEPTH}), and the run's counters bound media and size across all levels.
     */
    private Document object(Run run, List<FieldSpec> fields, Object raw, String path) {
        List<FieldProblem> problems = run.problems;
        Document stored = new Document();
        if (!(raw instanceof Map<?, ?> values)) {
            problems.add(new FieldProblem(path, "must be an object, not " + describe(raw)));
            return null;
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
            Object converted = convert(run, field, value, at);
            if (converted != null) {
                stored.append(field.name(), converted);
            }
        }
        return stored;
    }

    private Object list(Run run, FieldSpec field, Object value, String at) {
        List<FieldProblem> problems = run.problems;
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
            stored.add(convert(run, field.items(), list.get(i), itemPath));
        }
        return stored;
    }

    /** An image's alt text, posted with it to social networks (Mastodon takes 1,500 characters). */
    static final int MAX_ALT = 1500;

    private Object media(Run run, FieldType type, Object value, String at) {
        List<FieldProblem> problems = run.problems;
        if (++run.mediaReferences > MAX_MEDIA_REFERENCES) {
            // counted and reported once for the whole value object; nothing more is looked up
            return null;
        }
        Object key = value instanceof Map<?, ?> map ? map.get("key") : null;
        if (!(key instanceof String text) || text.isBlank() || text.length() > 200) {
            problems.add(new FieldProblem(at, "must be an uploaded file: {\"key\": \"<key from POST media>\"}"));
            return null;
        }
        Optional<MediaRecord> record = run.media.computeIfAbsent(text, k -> media.find(run.scope, k));
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
        Document stored = new Document("key", file.key())
                .append("name", file.name())
                .append("type", file.type())
                .append("size", file.size());
        Object alt = ((Map<?, ?>) value).get("alt");
        if (alt != null) {
            if (!(alt instanceof String altText) || altText.length() > MAX_ALT) {
                problems.add(new FieldProblem(at + ".alt", "must be text of at most " + MAX_ALT + " characters"));
                return null;
            }
            if (!altText.isBlank()) {
                stored.append("alt", altText.strip());
            }
        }
        return stored;
    }

    /**
     * The options as a refusal names them: in full when short, otherwise the first few and how many
     * there are. A schema may hold 200 options of 200 characters, and every bad value of a list
     * gets its own problem, so listing them all made a 40 KB body answer megabytes.
     */
    static String optionsInBrief(List<String> options) {
        StringBuilder named = new StringBuilder();
        for (String option : options) {
            if (named.length() + option.length() > MAX_OPTIONS_NAMED) {
                return named.isEmpty()
                        ? "the " + options.size() + " options of this field"
                        : named.append(", … (")
                                .append(options.size())
                                .append(" options)")
                                .toString();
            }
            named.append(named.isEmpty() ? "" : ", ").append(option);
        }
        return named.toString();
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
        return instant(text).map(Date::from);
    }

    /**
     * An ISO 8601 date-time with a zone in years 0001–9999, the range every store, JavaScript's
     * {@code Date} and the wire format share; anything else (a nine-digit year included) is empty.
     */
    public static Optional<Instant> instant(String text) {
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text);
            Instant instant = parsed.toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                return Optional.empty();
            }
            return Optional.of(instant);
        } catch (DateTimeParseException | ArithmeticException e) {
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
