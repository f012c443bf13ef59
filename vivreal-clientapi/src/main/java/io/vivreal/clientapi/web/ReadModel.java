package io.vivreal.clientapi.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vivreal.clientapi.web.ClientApiResponses.Rendered;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The Client API's read model: rendered answers (bytes + ETag) by group, route and query, so a
 * warm request costs a map lookup instead of queries and serialisation. A content write on this
 * instance evicts the group's answers at once ({@link #evictGroup}); entries also expire after at
 * most one second, which bounds how long another instance's write, or an item reaching its
 * {@code publishDate}, can go unseen.
 */
public final class ReadModel {

    record Key(String groupID, String route, String query) {}

    private final Cache<Key, Rendered> rendered;

    public ReadModel(Duration ttl, long maximumSize) {
        if (ttl.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("the read model may keep answers for at most one second");
        }
        this.rendered = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maximumSize)
                .build();
    }

    public Rendered get(String groupID, String route, Map<String, String[]> parameters, Supplier<Rendered> render) {
        return rendered.get(new Key(groupID, route, canonical(parameters)), key -> render.get());
    }

    public void evictGroup(String groupID) {
        rendered.asMap().keySet().removeIf(key -> key.groupID().equals(groupID));
    }

    /** Parameters in a fixed order, so equivalent queries share an entry. */
    private static String canonical(Map<String, String[]> parameters) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(parameters).forEach((name, values) -> {
            for (String value : values) {
                canonical
                        .append(name.length())
                        .append(':')
                        .append(name)
                        .append('=')
                        .append(value.length())
                        .append(':')
                        .append(value)
                        .append('&');
            }
        });
        return canonical.toString();
    }
}
