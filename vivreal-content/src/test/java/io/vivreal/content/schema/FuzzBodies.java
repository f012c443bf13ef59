package io.vivreal.content.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.content.media.MediaLookup;
import io.vivreal.content.media.MediaRecord;
import io.vivreal.core.domain.FieldProblem;
import io.vivreal.core.tenancy.TenantScope;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** What the validator fuzz tests share: JSON bodies as Spring reads them, a group's uploads, the answer bound. */
public final class FuzzBodies {

    public static final TenantScope SCOPE = new TenantScope("65a1b2c3d4e5f60718293a4b", "g_fuzz");

    /** Three uploads of the group: an image, a document and a video. */
    public static final MediaLookup MEDIA = new MediaLookup() {
        private final Map<String, MediaRecord> uploads = Map.of(
                "img-1", new MediaRecord("img-1", "cat.png", "image/png", 1_024),
                "doc-1", new MediaRecord("doc-1", "menu.pdf", "application/pdf", 2_048),
                "vid-1", new MediaRecord("vid-1", "clip.mp4", "video/mp4", 4_096));

        @Override
        public Optional<MediaRecord> find(TenantScope scope, String key) {
            assertThat(scope).isEqualTo(SCOPE);
            return Optional.ofNullable(uploads.get(key));
        }
    };

    /**
     * The most a refusal may say per listed problem, beyond what the body itself carried (a key
     * echoed in a path): a refusal never grows faster than the body that caused it.
     */
    public static final int MAX_CHARS_PER_PROBLEM = 400;

    private static final JsonMapper JSON = JsonMapper.shared();

    private FuzzBodies() {}

    /** The body as maps, lists and scalars, or empty when it is not JSON (Spring answers 400 before us). */
    public static Optional<Object> json(byte[] input) {
        try {
            return Optional.ofNullable(JSON.readValue(input, Object.class));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    /** A refusal lists at most 50 problems and says, all told, no more than the bound allows. */
    public static void assertRefusedBriefly(ValidationException refused, int inputLength) {
        assertThat(refused.problems()).isNotEmpty().hasSizeLessThanOrEqualTo(ValidationException.MAX_LISTED);
        long said = refused.getMessage().length();
        for (FieldProblem problem : refused.problems()) {
            said += problem.field().length() + problem.reason().length();
        }
        assertThat(said)
                .as("characters in the refusal of a %d-byte body", inputLength)
                .isLessThanOrEqualTo(2L * inputLength + (ValidationException.MAX_LISTED + 1) * MAX_CHARS_PER_PROBLEM);
    }
}
