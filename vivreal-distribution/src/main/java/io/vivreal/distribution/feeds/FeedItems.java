package io.vivreal.distribution.feeds;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

import io.vivreal.content.items.ItemFinder;
import io.vivreal.content.items.ItemQuery;
import io.vivreal.content.items.ItemRepository;
import io.vivreal.content.media.MediaUrls;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.FieldType;
import io.vivreal.content.types.ContentType;
import io.vivreal.core.group.Group;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads a feed's items through the group's tenant scope with the Client API's own listing
 * ({@link ItemFinder}, {@link ItemFinder.Visibility#PUBLISHED}): never a draft, an archived item
 * or one whose publish date is still ahead, and under the same fair {@code QueryPermits} as every
 * listing, so a flood of feed requests for one group waits for that group's slot and leaves the
 * others theirs.
 */
final class FeedItems {

    /** At most this many entries in a feed (newest first) or calendar (soonest first). */
    static final int MAX_ENTRIES = 50;

    private final ItemRepository items;
    private final ItemFinder finder;
    private final MediaUrls mediaUrls;
    private final Clock clock;

    FeedItems(ItemRepository items, ItemFinder finder, MediaUrls mediaUrls, Clock clock) {
        this.items = items;
        this.finder = finder;
        this.mediaUrls = mediaUrls;
        this.clock = clock;
    }

    /** The newest published items, by publish date. */
    List<FeedEntry> latest(FeedSettings settings, Group group, ContentType type) {
        ItemQuery query = new ItemQuery(MAX_ENTRIES, 0, "publishDate", false, null, Map.of());
        return read(settings, group, type, eq("collectionId", type.id()), query);
    }

    /** Published items whose date field is today or later (UTC), soonest first. */
    List<FeedEntry> upcoming(FeedSettings settings, Group group, ContentType type) {
        String field = "objectValue." + settings.dateField();
        FieldType dateType = type.field(settings.dateField()).orElseThrow().type();
        Instant now = clock.instant();
        Object from = dateType == FieldType.DATE
                ? LocalDate.ofInstant(now, ZoneOffset.UTC).toString()
                : Date.from(now);
        ItemQuery query = new ItemQuery(MAX_ENTRIES, 0, field, true, null, Map.of());
        return read(settings, group, type, and(eq("collectionId", type.id()), gte(field, from)), query);
    }

    private List<FeedEntry> read(FeedSettings settings, Group group, ContentType type, Bson selector, ItemQuery query) {
        List<FeedEntry> entries = new ArrayList<>();
        finder.find(items.items(group.scope()), selector, List.of(), query, ItemFinder.Visibility.PUBLISHED, item -> {
            entries.add(entry(settings, group, type, item));
            return true;
        });
        return entries;
    }

    private FeedEntry entry(FeedSettings settings, Group group, ContentType type, Document item) {
        Document values = item.get("objectValue", new Document());
        List<FeedEntry.Attachment> attachments = new ArrayList<>();
        for (FieldSpec field : type.fields()) {
            Object value = values.get(field.name());
            if (field.type().isMedia()) {
                attach(group, value, attachments);
            } else if (field.type() == FieldType.LIST
                    && field.items() != null
                    && field.items().type().isMedia()
                    && value instanceof List<?> list) {
                list.forEach(element -> attach(group, element, attachments));
            }
        }
        Date published = item.getDate("publishDate");
        Date updated = item.getDate("updatedAt");
        return new FeedEntry(
                item.getObjectId("_id").toHexString(),
                FeedText.clean(values.get(settings.titleField()), FeedText.MAX_TITLE),
                FeedText.clean(values.get(settings.summaryField()), FeedText.MAX_SUMMARY),
                FeedText.clean(values.get(settings.contentField()), FeedText.MAX_CONTENT),
                published.toInstant(),
                updated == null ? published.toInstant() : updated.toInstant(),
                settings.hasCalendar() ? start(values.get(settings.dateField())) : null,
                List.copyOf(attachments));
    }

    private void attach(Group group, Object value, List<FeedEntry.Attachment> attachments) {
        if (value instanceof Document media && media.get("key") instanceof String key) {
            Number size = media.get("size", Number.class);
            attachments.add(new FeedEntry.Attachment(
                    mediaUrls.signedUrl(group.bucketName(), key),
                    media.getString("type"),
                    size == null ? 0 : size.longValue(),
                    FeedText.clean(media.getString("name"), 200)));
        }
    }

    private static Temporal start(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof String text) {
            return LocalDate.parse(text);
        }
        return null;
    }
}
