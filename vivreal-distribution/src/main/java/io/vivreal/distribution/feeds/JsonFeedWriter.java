package io.vivreal.distribution.feeds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Feed 1.1 ({@code https://jsonfeed.org/version/1.1}): text as {@code content_text} (plain,
 * never HTML), files as {@code attachments}, the WebSub hub in {@code hubs}. Jackson escapes.
 */
final class JsonFeedWriter {

    static final String VERSION = "https://jsonfeed.org/version/1.1";
    private static final JsonMapper JSON = JsonMapper.shared();

    byte[] write(FeedHead head, List<FeedEntry> entries) {
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("version", VERSION);
        feed.put("title", head.title());
        feed.put("feed_url", head.self(FeedFormat.JSON));
        if (head.hub() != null) {
            feed.put("hubs", List.of(Map.of("type", "WebSub", "url", head.hub())));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (FeedEntry entry : entries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", SyndicationWriter.entryId(entry));
            if (entry.title() != null) {
                item.put("title", entry.title());
            }
            if (entry.summary() != null) {
                item.put("summary", entry.summary());
            }
            // JSON Feed requires content_html or content_text; an item without either gets an empty text
            item.put("content_text", entry.content() != null ? entry.content() : "");
            item.put("date_published", entry.published().toString());
            item.put("date_modified", entry.updated().toString());
            if (!entry.attachments().isEmpty()) {
                List<Map<String, Object>> attachments = new ArrayList<>();
                for (FeedEntry.Attachment attachment : entry.attachments()) {
                    Map<String, Object> wire = new LinkedHashMap<>();
                    wire.put("url", attachment.url());
                    wire.put("mime_type", attachment.type());
                    if (attachment.name() != null) {
                        wire.put("title", attachment.name());
                    }
                    wire.put("size_in_bytes", attachment.size());
                    attachments.add(wire);
                }
                item.put("attachments", attachments);
            }
            items.add(item);
        }
        feed.put("items", items);
        return JSON.writeValueAsBytes(feed);
    }
}
