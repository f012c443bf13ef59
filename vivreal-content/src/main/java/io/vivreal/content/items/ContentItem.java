package io.vivreal.content.items;

import java.time.Instant;
import org.bson.Document;

/**
 * A content item ("collection object"). {@code publishDate} null is a draft, a future date is
 * scheduled, a past one is published unless archived.
 */
public record ContentItem(
        String id,
        String groupID,
        String collectionId,
        Document objectValue,
        Instant publishDate,
        boolean archived,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy) {

    public String status(Instant now) {
        if (archived) {
            return "archived";
        }
        if (publishDate == null) {
            return "draft";
        }
        return publishDate.isAfter(now) ? "scheduled" : "published";
    }
}
