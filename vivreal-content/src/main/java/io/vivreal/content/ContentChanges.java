package io.vivreal.content;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.vivreal.core.store.ControlPlane;
import org.bson.Document;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Announces that a group's content changed: a per-group revision counter in the store, which every
 * instance can compare cheaply with what it has in memory, and an in-process event, so this
 * instance's caches drop the group's entries at once.
 */
public final class ContentChanges {

    static final String COLLECTION = "content_revisions";

    private final MongoCollection<Document> revisions;
    private final ApplicationEventPublisher events;

    public ContentChanges(ControlPlane controlPlane, ApplicationEventPublisher events) {
        this.revisions = controlPlane.collection(COLLECTION);
        this.events = events;
    }

    public void changed(String groupId) {
        revisions.updateOne(eq("_id", groupId), Updates.inc("revision", 1L), new UpdateOptions().upsert(true));
        events.publishEvent(new ContentChangedEvent(groupId));
    }

    /** The group's current content revision (0 before its first change). */
    public long revision(String groupId) {
        Document document = revisions.find(eq("_id", groupId)).first();
        Number revision = document == null ? null : document.get("revision", Number.class);
        return revision == null ? 0 : revision.longValue();
    }
}
