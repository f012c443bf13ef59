package io.vivreal.content.media;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Media URLs with {@code srcset}: wraps the signer in use (this server's HMAC links, or S3's
 * presigned ones) and adds, for every image, {@code "<signed url> 320w, <signed url> 640w,
 * <signed url> 1280w"} as the Client API contract shows it — each derivative narrower than the
 * original — plus the original at its own width when it is no wider than the widest step (a 1000
 * px image: 320w, 640w, 1000w). An image uploaded before images were measured has just its source
 * in {@code srcset}.
 *
 * <p>An image's derivatives never change once uploaded, so they are looked up once per key and
 * kept in a bounded least-recently-used map; deleting the original forgets them.
 */
public final class SrcsetMediaUrls implements MediaUrls {

    private static final int CACHED_IMAGES = 10_000;

    private final MediaUrls signer;
    private final MediaRepository repository;
    private final Map<String, Optional<ImageVariants>> cache =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<ImageVariants>> eldest) {
                    return size() > CACHED_IMAGES;
                }
            });

    public SrcsetMediaUrls(MediaUrls signer, MediaRepository repository) {
        this.signer = signer;
        this.repository = repository;
    }

    @Override
    public String signedUrl(String bucketName, String key) {
        return signer.signedUrl(bucketName, key);
    }

    @Override
    public Map<String, Object> currentFile(String bucketName, String key) {
        String source = signer.signedUrl(bucketName, key);
        Map<String, Object> currentFile = new LinkedHashMap<>();
        currentFile.put("source", source);
        if (AllowedMediaType.ofKey(key).filter(AllowedMediaType::isImage).isPresent()) {
            currentFile.put("srcset", srcset(bucketName, key, source));
        }
        return currentFile;
    }

    /** Forgets a deleted original's derivatives. */
    public void forget(String bucketName, String key) {
        cache.remove(bucketName + "/" + key);
    }

    private String srcset(String bucketName, String key, String source) {
        String cacheKey = bucketName + "/" + key;
        Optional<ImageVariants> image = cache.get(cacheKey);
        if (image == null) {
            image = repository.imageVariants(bucketName, key);
            cache.put(cacheKey, image);
        }
        if (image.isEmpty()) {
            return source;
        }
        StringJoiner srcset = new StringJoiner(", ");
        image.get().variants().stream()
                .sorted(Comparator.comparingInt(ImageVariants.Variant::width))
                .forEach(variant ->
                        srcset.add(signer.signedUrl(bucketName, variant.key()) + " " + variant.width() + "w"));
        if (image.get().width() <= ImageDerivatives.WIDTHS.get(ImageDerivatives.WIDTHS.size() - 1)) {
            srcset.add(source + " " + image.get().width() + "w");
        }
        return srcset.toString();
    }
}
