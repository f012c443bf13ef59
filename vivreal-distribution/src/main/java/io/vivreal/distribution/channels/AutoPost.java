package io.vivreal.distribution.channels;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A channel's posting settings: {@code postTemplate}, the text the composer fills in when a post
 * gives none for this channel (null: {@code "{title} {url}"}), and {@code autoPostTypes}, the
 * content types whose items this channel posts automatically, through that template, when they
 * are published — instead of the one-line event message.
 */
public record AutoPost(String template, List<String> contentTypes) {

    public static final AutoPost NONE = new AutoPost(null, List.of());

    public AutoPost {
        contentTypes = List.copyOf(contentTypes);
    }

    public boolean posts(String collectionId) {
        return contentTypes.contains(collectionId);
    }

    static AutoPost from(Document document) {
        List<String> types = new ArrayList<>();
        List<?> stored = document.get("autoPostTypes", List.class);
        if (stored != null) {
            stored.forEach(id -> types.add(String.valueOf(id)));
        }
        return new AutoPost(document.getString("postTemplate"), types);
    }
}
