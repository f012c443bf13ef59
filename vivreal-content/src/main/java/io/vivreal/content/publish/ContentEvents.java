package io.vivreal.content.publish;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The durable outbox the distribution engine reads: one record per event, identified so that
 * recording the same fact twice (two instances, a retry after a crash) stores it once.
 */
public final class ContentEvents implements IndexDefinitions {

    public static final String PUBLISHED = "content.published";
    static final String COLLECTION = "content_events";

    private final MongoCollection<Document> events;
    private final Clock clock;

    public ContentEvents(ControlPlane controlPlane, Clock clock) {
        this.events = controlPlane.collection(COLLECTION);
        this.clock = clock;
    }

    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.of(COLLECTION, new Document("groupID", 1).append("createdAt", -1)));
    }

    /** Records that an item went live at {@code publishDate}; answers false if it was already recorded. */
    boolean published(String groupId, String itemId, String collectionId, Instant publishDate) {
        try {
            events.insertOne(new Document("_id", PUBLISHED + ":" + itemId + ":" + publishDate.toEpochMilli())
                    .append("type", PUBLISHED)
                    .append("groupID", groupId)
                    .append("itemId", itemId)
                    .append("collectionId", collectionId)
                    .append("publishDate", Date.from(publishDate))
                    .append("createdAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** A group's events, newest first. */
    public List<Document> forGroup(String groupId, int limit) {
        List<Document> list = new ArrayList<>();
        events.find(eq("groupID", groupId))
                .sort(Sorts.descending("createdAt"))
                .limit(limit)
                .into(list);
        return list;
    }
}
