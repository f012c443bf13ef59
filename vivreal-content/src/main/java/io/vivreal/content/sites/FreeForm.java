package io.vivreal.content.sites;

import io.vivreal.content.media.MediaSigner;
import io.vivreal.core.domain.FieldProblem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * Free-form JSON a site carries as it is (business information, pages, sections), made safe to
 * store in MongoDB: keys must not start with {@code $} (an operator) or contain {@code .} (a path)
 * or NUL, nesting is at most {@value #MAX_DEPTH} levels, numbers must be finite and fit 64 bits, and
 * each part is at most {@value #MAX_PART_BYTES} bytes once encoded as BSON — the form it is stored
 * in, so the bound is exact.
 */
final class FreeForm {

    static final int MAX_DEPTH = 10;
    static final int MAX_PART_BYTES = 256 * 1024;
    static final int MAX_KEY_LENGTH = 200;

    private FreeForm() {}

    /** An object part (for example {@code businessInfo}); absent means empty. */
    static Document object(Object raw, String path, List<FieldProblem> problems) {
        if (raw == null) {
            return new Document();
        }
        if (!(raw instanceof Map<?, ?>)) {
            problems.add(new FieldProblem(path, "must be an object"));
            return new Document();
        }
        int before = problems.size();
        Document stored = (Document) convert(raw, path, 1, problems);
        if (problems.size() == before) {
            checkSize(stored, path, problems);
        }
        return stored;
    }

    /** A list part of at most {@code maxItems}; {@code objectsOnly} requires each item to be an object. */
    static List<Object> list(Object raw, String path, int maxItems, boolean objectsOnly, List<FieldProblem> problems) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> items)) {
            problems.add(new FieldProblem(path, "must be a list"));
            return List.of();
        }
        if (items.size() > maxItems) {
            problems.add(new FieldProblem(path, "must have at most " + maxItems + " items"));
            return List.of();
        }
        int before = problems.size();
        List<Object> stored = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (objectsOnly && !(item instanceof Map<?, ?>)) {
                problems.add(new FieldProblem(path + "[" + i + "]", "must be an object"));
                continue;
            }
            stored.add(convert(item, path + "[" + i + "]", 2, problems));
        }
        if (problems.size() == before) {
            checkSize(stored, path, problems);
        }
        return stored;
    }

    private static Object convert(Object value, String path, int depth, List<FieldProblem> problems) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            if (depth > MAX_DEPTH) {
                problems.add(new FieldProblem(path, "is nested more than " + MAX_DEPTH + " levels deep"));
                return null;
            }
        }
        if (value instanceof Map<?, ?> map) {
            Document stored = new Document();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String at = path + "." + key;
                String refusal = keyRefusal(key);
                if (refusal != null) {
                    problems.add(new FieldProblem(at, refusal));
                    continue;
                }
                stored.append(key, convert(entry.getValue(), at, depth + 1, problems));
            }
            return stored;
        }
        if (value instanceof List<?> list) {
            List<Object> stored = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                stored.add(convert(list.get(i), path + "[" + i + "]", depth + 1, problems));
            }
            return stored;
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long) {
            return value;
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            problems.add(new FieldProblem(path, "is out of range"));
            return null;
        }
        if (value instanceof Number number) {
            double decimal = number instanceof BigDecimal big ? big.doubleValue() : number.doubleValue();
            if (Double.isFinite(decimal)) {
                return decimal;
            }
            problems.add(new FieldProblem(path, "is out of range"));
            return null;
        }
        problems.add(new FieldProblem(path, "is not a JSON value"));
        return null;
    }

    /**
     * The media descriptors in a stored part, counted to {@code limit} at most: each becomes a signed
     * URL in every answer, so their number is bounded like an item's media references.
     */
    static int descriptors(Object value, int limit) {
        int[] count = new int[1];
        countDescriptors(value, limit, count);
        return count[0];
    }

    private static void countDescriptors(Object value, int limit, int[] count) {
        if (count[0] >= limit) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            if (MediaSigner.isDescriptor(map)) {
                count[0]++;
                return;
            }
            map.values().forEach(child -> countDescriptors(child, limit, count));
        } else if (value instanceof List<?> list) {
            list.forEach(child -> countDescriptors(child, limit, count));
        }
    }

    /** Why a key cannot be stored, or null when it can. */
    static String keyRefusal(String key) {
        if (key.isEmpty()) {
            return "keys must not be empty";
        }
        if (key.length() > MAX_KEY_LENGTH) {
            return "keys must be at most " + MAX_KEY_LENGTH + " characters";
        }
        if (key.startsWith("$")) {
            return "keys must not start with $";
        }
        if (key.contains(".")) {
            return "keys must not contain a dot";
        }
        if (key.indexOf('\u0000') >= 0) {
            return "keys must not contain NUL";
        }
        return null;
    }

    private static void checkSize(Object stored, String path, List<FieldProblem> problems) {
        int size = new RawBsonDocument(new Document("v", stored), new DocumentCodec())
                .getByteBuffer()
                .remaining();
        if (size > MAX_PART_BYTES) {
            problems.add(new FieldProblem(path, "must be at most " + (MAX_PART_BYTES / 1024) + " KB"));
        }
    }
}
