package io.vivreal.distribution.delivery;

import io.vivreal.content.items.ContentItem;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.tenancy.TenantScope;
import java.util.Date;
import java.util.Optional;
import java.util.function.BiFunction;
import org.bson.Document;

/**
 * The message for a {@code content.published} event: webhooks get the ids (sites fetch the content
 * itself from the Client API with their key), chat channels a line naming the item by its first
 * text field and its content type, Mastodon a public post.
 */
public final class PublishedMessages implements BiFunction<TenantScope, Document, Message> {

    private static final int MAX_TITLE = 200;

    private final ItemRepository items;
    private final ContentTypeRepository types;

    public PublishedMessages(ItemRepository items, ContentTypeRepository types) {
        this.items = items;
        this.types = types;
    }

    @Override
    public Message apply(TenantScope scope, Document event) {
        String collectionId = event.getString("collectionId");
        String itemId = event.getString("itemId");
        Optional<ContentItem> item = items.find(scope, collectionId, itemId);
        String typeName = types.find(scope, collectionId).map(ContentType::name).orElse("content");
        String title = item.flatMap(PublishedMessages::title).orElse("A new " + typeName + " item");
        Date publishDate = event.getDate("publishDate");
        Document data = new Document("groupID", scope.groupID())
                .append("collectionId", collectionId)
                .append("collectionName", typeName)
                .append("itemId", itemId)
                .append("title", title)
                .append(
                        "publishDate",
                        publishDate == null ? null : publishDate.toInstant().toString());
        return new Message("content.published", "Published in " + typeName + ": " + title, data, true);
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
