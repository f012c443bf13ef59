package io.vivreal.clientapi.content;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * One item as the in-memory index keeps it: only what listings filter and sort on, plus the item's
 * answer bytes. The bytes leave out the type's {@code collectionObj} (spliced in per answer at
 * {@code split}, so renaming a type never needs a rebuild); an item holding media descriptors keeps
 * its stored values instead ({@code media}) and is rendered and signed per answer, because signed
 * URLs expire.
 *
 * @param createdAt epoch milliseconds, or {@link #NO_DATE} when absent (as {@code updatedAt})
 * @param publishDate epoch milliseconds, or {@link #NO_DATE} for a draft
 * @param names the scalar fields of {@code objectValue}, interned per index
 * @param values their values: {@code String}, {@code Number}, {@code Boolean}, {@code Date}, null,
 *     or {@link #COMPLEX} for a list or object (queries on such a field go to the store)
 */
record IndexedItem(
        ObjectId id,
        long createdAt,
        long updatedAt,
        long publishDate,
        boolean archived,
        long version,
        String[] names,
        Object[] values,
        byte[] json,
        int split,
        Document media) {

    static final long NO_DATE = Long.MIN_VALUE;

    /** Stands for a list or object value: the index does not compare those. */
    static final Object COMPLEX = new Object() {
        @Override
        public String toString() {
            return "complex";
        }
    };

    private static final byte[] COLLECTION_OBJ = ",\"collectionObj\":".getBytes(StandardCharsets.US_ASCII);

    /** The value of {@code objectValue.<name>}, null when absent. */
    Object value(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** The value a sort on {@code field} (as {@code ItemQuery.sortField} spells it) orders by. */
    Object sortValue(String field) {
        return switch (field) {
            case "createdAt" -> date(createdAt);
            case "updatedAt" -> date(updatedAt);
            case "publishDate" -> date(publishDate);
            default -> value(field.substring("objectValue.".length()));
        };
    }

    private static Date date(long millis) {
        return millis == NO_DATE ? null : new Date(millis);
    }

    /** The item's answer with the type's {@code collectionObj} JSON in its place. */
    byte[] render(byte[] collectionObj) {
        byte[] out = new byte[json.length + COLLECTION_OBJ.length + collectionObj.length + 1];
        System.arraycopy(json, 0, out, 0, split);
        int at = split;
        System.arraycopy(COLLECTION_OBJ, 0, out, at, COLLECTION_OBJ.length);
        at += COLLECTION_OBJ.length;
        System.arraycopy(collectionObj, 0, out, at, collectionObj.length);
        at += collectionObj.length;
        out[at++] = ',';
        System.arraycopy(json, split, out, at, json.length - split);
        return out;
    }

    /** A generous estimate of the heap this entry holds, in bytes, for the index's weight bound. */
    long weight() {
        // names and values, and a slot in each field's column (TypeIndex#column)
        long bytes = 96 + 32 + 16L + (json == null ? 0 : json.length) + 16L + 8L * names.length * 3;
        for (Object value : values) {
            if (value instanceof String text) {
                bytes += 48 + 2L * text.length();
            } else if (value != null) {
                bytes += 24;
            }
        }
        if (media != null) {
            // a decoded document costs several times its JSON; media items are few
            bytes += 6L * media.toJson().length();
        }
        return bytes;
    }
}
