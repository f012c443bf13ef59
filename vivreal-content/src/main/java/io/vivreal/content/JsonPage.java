package io.vivreal.content;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/**
 * A listing's answer, {@code {"items": [...], "totalCount": n}}, written item by item under a
 * byte budget. Items are rendered one at a time and appended only while the page stays within
 * {@code maxBytes}, so an answer never holds more than its budget plus one item, whatever the
 * items hold. A page cut short says so: {@code "truncated": true}, and holds fewer items than the
 * limit asked for; the next page starts at {@code skip + items.length}. The first item is always
 * kept, so paging always advances.
 */
public final class JsonPage {

    /** The default budget: a hundred ordinary items are a small fraction of it. */
    public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.shared();

    private final ByteArrayOutputStream items = new ByteArrayOutputStream(8 * 1024);
    private final int maxBytes;
    private int count;
    private boolean truncated;

    public JsonPage(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Appends {@code item} if it fits; answers false when the page is full and nothing more goes in. */
    public boolean add(Object item) {
        if (truncated) {
            return false;
        }
        return addJson(JSON.writeValueAsBytes(item));
    }

    /**
     * Appends an item already rendered as JSON (an in-memory index keeps items so), under the same
     * budget as {@link #add}; answers false when the page is full and nothing more goes in.
     */
    public boolean addJson(byte[] bytes) {
        if (truncated) {
            return false;
        }
        if (count > 0 && (long) items.size() + 1 + bytes.length > maxBytes) {
            truncated = true;
            return false;
        }
        if (count > 0) {
            items.write(',');
        }
        items.writeBytes(bytes);
        count++;
        return true;
    }

    public int count() {
        return count;
    }

    public boolean truncated() {
        return truncated;
    }

    /** The page as JSON, with the total number of matching items. */
    public byte[] toJson(long totalCount) {
        String tail = "],\"totalCount\":" + totalCount + (truncated ? ",\"truncated\":true}" : "}");
        ByteArrayOutputStream json = new ByteArrayOutputStream(items.size() + 64);
        json.writeBytes("{\"items\":[".getBytes(StandardCharsets.US_ASCII));
        json.writeBytes(items.toByteArray());
        json.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        return json.toByteArray();
    }
}
