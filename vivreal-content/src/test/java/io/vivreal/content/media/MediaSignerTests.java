package io.vivreal.content.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The walk that signs media descriptors wherever they sit: only this group's files, bounded in depth
 * and count, and safe on structures that refer to themselves.
 */
class MediaSignerTests {

    private static final String GROUP = "0123456789abcdef01234567";
    private static final String BUCKET = "bucket-one";
    private static final String OURS = "aaaaaaaaaaaaaaaaaaaaaaaa.jpg";
    private static final String FOREIGN = "bbbbbbbbbbbbbbbbbbbbbbbb.jpg";

    private final List<List<String>> lookups = new ArrayList<>();
    private final MediaSigner signer = new MediaSigner(
            (group, bucket, keys) -> {
                lookups.add(List.copyOf(keys));
                return group.equals(GROUP) && bucket.equals(BUCKET) && keys.contains(OURS) ? Set.of(OURS) : Set.of();
            },
            (bucket, key) -> "https://media.example/" + bucket + "/" + key + "?sig");

    private static Map<String, Object> descriptor(String key) {
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("key", key);
        media.put("name", "photo.jpg");
        media.put("type", "image/jpeg");
        return media;
    }

    private static Object source(Map<String, Object> media) {
        return media.get("currentFile") instanceof Map<?, ?> file ? file.get("source") : null;
    }

    @Test
    void signsThisGroupsDescriptorsAtAnyDepthAndNoOthers() {
        Map<String, Object> ours = descriptor(OURS);
        Map<String, Object> foreign = descriptor(FOREIGN);
        Map<String, Object> typed = descriptor("../../etc/passwd");
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("hero", Map.of("blocks", List.of(Map.of("config", new LinkedHashMap<>(Map.of("image", ours))))));
        wire.put("other", List.of(foreign, typed));

        signer.sign(GROUP, BUCKET, wire);

        assertThat(source(ours)).isEqualTo("https://media.example/bucket-one/" + OURS + "?sig");
        assertThat(source(foreign)).isNull();
        assertThat(source(typed)).isNull();
        assertThat(lookups).containsExactly(List.of(OURS, FOREIGN));
    }

    @Test
    void anotherGroupOrBucketSignsNothing() {
        Map<String, Object> ours = descriptor(OURS);

        signer.sign("fedcba9876543210fedcba98", BUCKET, List.of(ours));
        signer.sign(GROUP, "bucket-two", List.of(ours));
        signer.sign(GROUP, "../bucket-one", List.of(ours));

        assertThat(source(ours)).isNull();
    }

    @Test
    void aStructureThatContainsItselfEndsAndSignsOnce() {
        Map<String, Object> ours = descriptor(OURS);
        Map<String, Object> loop = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        loop.put("self", loop);
        loop.put("list", list);
        list.add(list);
        list.add(loop);
        list.add(ours);

        signer.sign(GROUP, BUCKET, loop);

        assertThat(source(ours)).isNotNull();
        assertThat(lookups).hasSize(1);
    }

    @Test
    void descriptorsBeyondTheDepthBoundAreLeftAsStored() {
        Map<String, Object> shallow = descriptor(OURS);
        Map<String, Object> deep = descriptor(OURS);
        Object nested = deep;
        for (int i = 0; i < MediaSigner.MAX_DEPTH + 1; i++) {
            nested = Map.of("n", nested);
        }

        signer.sign(GROUP, BUCKET, List.of(shallow, nested));

        assertThat(source(shallow)).isNotNull();
        assertThat(source(deep)).isNull();
    }

    @Test
    void oneAnswerSignsAtMostTheBoundAndAsksTheStoreOncePerKey() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < MediaSigner.MAX_DESCRIPTORS + 10; i++) {
            many.add(descriptor(OURS));
        }
        MediaSigner.Session session = signer.session(GROUP, BUCKET);

        session.sign(many.subList(0, 10));
        session.sign(many.subList(10, many.size()));

        long signed = many.stream().filter(m -> source(m) != null).count();
        assertThat(signed).isEqualTo(MediaSigner.MAX_DESCRIPTORS);
        assertThat(lookups).hasSize(1);
        assertThat(new HashSet<>(lookups.get(0))).containsExactly(OURS);
    }
}
