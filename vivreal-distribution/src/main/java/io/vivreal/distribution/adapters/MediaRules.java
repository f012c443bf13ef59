package io.vivreal.distribution.adapters;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The images a platform takes: which types, how large, how many, how long an alt text. Checked
 * when a post is composed, so media a platform would refuse is a 400 then, not a failed post later.
 */
public record MediaRules(Set<String> types, long maxBytes, int maxImages, int maxAlt) {

    /** A channel that carries no images (chat, webhooks): images are not sent, so none is refused. */
    public static final MediaRules NONE = new MediaRules(Set.of(), 0, 0, 0);

    /** Why the platform would refuse these images, or empty when it takes them. */
    public Optional<String> refusal(List<PostImage> images) {
        if (maxImages == 0 || images.isEmpty()) {
            return Optional.empty();
        }
        if (images.size() > maxImages) {
            return Optional.of("at most " + maxImages + " images");
        }
        for (PostImage image : images) {
            if (!types.contains(image.mimeType())) {
                return Optional.of(image.mediaKey() + " is " + image.mimeType() + "; the platform takes "
                        + String.join(", ", types.stream().sorted().toList()));
            }
            if (image.size() > maxBytes) {
                return Optional.of(
                        image.mediaKey() + " has " + image.size() + " bytes; the platform takes at most " + maxBytes);
            }
            if (image.alt() != null && image.alt().codePointCount(0, image.alt().length()) > maxAlt) {
                return Optional.of("the alt text of " + image.mediaKey() + " is longer than " + maxAlt + " characters");
            }
        }
        return Optional.empty();
    }
}
