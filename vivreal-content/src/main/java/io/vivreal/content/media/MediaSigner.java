package io.vivreal.content.media;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every media descriptor ({@code {key, name, type}}) anywhere in an answer its signed {@code
 * currentFile.source}, whatever the schema says about where it sits: a nested object, a list of
 * objects, a site's free-form {@code hero} or {@code blocks[].config}.
 *
 * <p>Only descriptors whose key names a file of this group, in its own bucket, are signed — one
 * store query for the whole answer decides that — so a key typed into free-form JSON, or copied
 * from another group's answer, never becomes a URL this server vouches for. The walk is bounded in
 * depth ({@value #MAX_DEPTH}) and in descriptors ({@value #MAX_DESCRIPTORS}); it visits each map or
 * list once (by identity), so a structure that refers to itself cannot make it loop.
 */
public final class MediaSigner {

    /** Deeper than any stored value may be (free-form parts stop at 10, schemas at 4 objects). */
    static final int MAX_DEPTH = 32;
    /** Descriptors signed in one answer; more are left as stored. */
    public static final int MAX_DESCRIPTORS = 2_000;

    /** Which keys name files of a group in its bucket; {@link MediaRepository#knownKeys} in production. */
    @FunctionalInterface
    public interface KnownKeys {
        Set<String> knownKeys(String groupId, String bucketName, Collection<String> keys);
    }

    private final KnownKeys repository;
    private final MediaUrls urls;

    public MediaSigner(KnownKeys repository, MediaUrls urls) {
        this.repository = repository;
        this.urls = urls;
    }

    /** Signs one answer; see {@link #session} for answers built piece by piece. */
    public Object sign(String groupId, String bucketName, Object wire) {
        return session(groupId, bucketName).sign(wire);
    }

    /**
     * A signer for the pieces of one answer (the items of a page): keys already looked up are
     * remembered, so a page whose items share a poster asks the store once, and the descriptor bound
     * holds for the whole answer.
     */
    public Session session(String groupId, String bucketName) {
        return new Session(groupId, bucketName);
    }

    /** One answer's signing state. */
    public final class Session {

        private final String groupId;
        private final String bucketName;
        private final Map<String, Boolean> known = new HashMap<>();
        private int signed;

        private Session(String groupId, String bucketName) {
            this.groupId = groupId;
            this.bucketName = bucketName;
        }

        /**
         * Signs the descriptors inside {@code wire} (maps and lists in wire form, changed in place)
         * that name this group's files, and answers {@code wire}.
         */
        public Object sign(Object wire) {
            if (!MediaKeys.isBucket(bucketName)) {
                return wire;
            }
            List<Map<String, Object>> found = new ArrayList<>();
            collect(wire, 0, found, Collections.newSetFromMap(new IdentityHashMap<>()), MAX_DESCRIPTORS - signed);
            if (found.isEmpty()) {
                return wire;
            }
            List<String> unseen = found.stream()
                    .map(d -> (String) d.get("key"))
                    .filter(key -> !known.containsKey(key))
                    .distinct()
                    .toList();
            if (!unseen.isEmpty()) {
                Set<String> ours = repository.knownKeys(groupId, bucketName, unseen);
                unseen.forEach(key -> known.put(key, ours.contains(key)));
            }
            for (Map<String, Object> descriptor : found) {
                String key = (String) descriptor.get("key");
                if (known.get(key)) {
                    // source, and for images the srcset of their derivatives
                    descriptor.put("currentFile", new LinkedHashMap<>(urls.currentFile(bucketName, key)));
                    signed++;
                }
            }
            return wire;
        }
    }

    /** Whether a map is shaped like a media descriptor: a media key, a name and a type. */
    public static boolean isDescriptor(Map<?, ?> map) {
        return map.get("key") instanceof String key
                && MediaKeys.isKey(key)
                && map.get("name") instanceof String
                && map.get("type") instanceof String;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object value, int depth, List<Map<String, Object>> found, Set<Object> seen, int room) {
        if (depth > MAX_DEPTH || found.size() >= room) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            if (!seen.add(map)) {
                return;
            }
            if (isDescriptor(map)) {
                found.add((Map<String, Object>) map);
                return;
            }
            for (Object child : map.values()) {
                collect(child, depth + 1, found, seen, room);
            }
        } else if (value instanceof List<?> list) {
            if (!seen.add(list)) {
                return;
            }
            for (Object child : list) {
                collect(child, depth + 1, found, seen, room);
            }
        }
    }
}
