package io.vivreal.content.items;

import io.vivreal.content.schema.ValidationException;
import io.vivreal.content.schema.ValueValidator;
import io.vivreal.core.domain.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An item as a client sends it: {@code objectValue}, {@code publishDate} (ISO 8601 with a zone,
 * or null for a draft), {@code archived}, and optionally the {@code version} the edit was based on
 * (a stale version is refused, so two editors cannot silently overwrite each other).
 */
public record ItemInput(
        Object objectValue, boolean publishDateGiven, Instant publishDate, Boolean archived, Long version) {

    private static final Set<String> KEYS = Set.of("objectValue", "publishDate", "archived", "version");

    public static ItemInput parse(Map<String, Object> body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null) {
            throw new ValidationException(List.of(new FieldProblem("objectValue", "is required")));
        }
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new FieldProblem(key, "unknown property"));
            }
        }
        Instant publishDate = null;
        Object rawDate = body.get("publishDate");
        if (rawDate != null) {
            publishDate = rawDate instanceof String text
                    ? ValueValidator.instant(text).orElse(null)
                    : null;
            if (publishDate == null) {
                problems.add(new FieldProblem(
                        "publishDate",
                        "must be an ISO 8601 date-time with a zone in years 0001-9999, or null for a draft"));
            }
        }
        Object archived = body.get("archived");
        if (archived != null && !(archived instanceof Boolean)) {
            problems.add(new FieldProblem("archived", "must be true or false"));
        }
        Object version = body.get("version");
        if (version != null && !(version instanceof Integer || version instanceof Long)) {
            problems.add(new FieldProblem("version", "must be the whole-number version the edit is based on"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new ItemInput(
                body.get("objectValue"),
                body.containsKey("publishDate"),
                publishDate,
                (Boolean) archived,
                version == null ? null : ((Number) version).longValue());
    }
}
