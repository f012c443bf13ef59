package io.vivreal.distribution.delivery;

import io.vivreal.content.items.ContentItem;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.publish.ContentEvents;
import io.vivreal.content.publish.EventType;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.distribution.adapters.Message;
import java.util.Optional;
import org.bson.Document;

/**
 * The message for an event, made once when the event is fanned out and stored with each delivery,
 * so every attempt sends the same body. Webhooks get the ids (sites fetch the content itself from
 * the Client API with their key) and a title; chat channels a line naming the item by its first
 * text field and its content type; Mastodon posts publicly, except for submissions, which carry
 * no title (a form's first field may be someone's address) and are never public.
 */
final class EventMessages {

    private static final int MAX_TITLE = 200;

    private final ItemRepository items;
    private final ContentTypeRepository types;

    EventMessages(ItemRepository items, ContentTypeRepository types) {
        this.items = items;
        this.types = types;
    }

    Message of(ContentEvents.Event event) {
        String typeName = types.find(event.scope(), event.collectionId())
                .map(ContentType::name)
                .orElse("content");
        Document data = new Document("groupID", event.scope().groupID())
                .append("collectionId", event.collectionId())
                .append("collectionName", typeName)
                .append("itemId", event.itemId());
        if (event.type() == EventType.SUBMISSION_RECEIVED) {
            return new Message(
                    event.type().wireName(), event.createdAt(), data, "New submission in " + typeName, false);
        }
        Optional<ContentItem> item = items.find(event.scope(), event.collectionId(), event.itemId());
        String title = item.flatMap(EventMessages::title).orElse("A " + typeName + " item");
        data.append("title", title)
                .append(
                        "publishDate",
                        event.publishDate() == null ? null : event.publishDate().toString());
        String line = switch (event.type()) {
            case PUBLISHED -> "Published in " + typeName + ": " + title;
            case UPDATED -> "Updated in " + typeName + ": " + title;
            default -> "Unpublished from " + typeName + ": " + title;
        };
        return new Message(event.type().wireName(), event.createdAt(), data, line, true);
    }

    /** The item's first non-blank text value, shortened. */
    static Optional<String> title(ContentItem item) {
        for (Object value : item.objectValue().values()) {
            if (value instanceof String text && !text.isBlank()) {
                String line = text.strip().replaceAll("\\s+", " ");
                return Optional.of(line.length() > MAX_TITLE ? line.substring(0, MAX_TITLE - 1) + "\u2026" : line);
            }
        }
        return Optional.empty();
    }
}
