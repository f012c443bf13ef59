package io.vivreal.content.media;

import java.util.List;

/**
 * An image's own width and its narrower derivatives, as {@code srcset} lists them.
 *
 * @param width the original's width in pixels
 * @param variants the derivatives, each narrower than the original
 */
public record ImageVariants(int width, List<Variant> variants) {

    public ImageVariants {
        variants = List.copyOf(variants);
    }

    /** A derivative's width and media key. */
    public record Variant(int width, String key) {}
}
