package io.vivreal.content.media;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned SigV4 GET URLs from S3's own host, so a site whose image allow-list names the bucket's
 * host works unchanged; S3 itself checks the signature and the expiry. With {@code
 * VIVREAL_MEDIA_PUBLIC_URL} the scheme and host are those of a CDN instead, which must forward the
 * query string and reach S3 with the bucket's own host (CloudFront's default), so the signature
 * still holds.
 *
 * <p>A URL is signed for the full lifetime and then reused for a 24th of it (at most an hour):
 * Client API answers that embed it keep their ETag, and signing stays off the hot path. A reused
 * link is always valid for at least 23/24 of the lifetime.
 */
public final class S3MediaUrls implements MediaUrls {

    private static final int CACHED_URLS = 20_000;
    private static final Duration MAX_TTL = Duration.ofDays(7);

    private record Signed(String url, long validUntil) {}

    private final S3Presigner presigner;
    private final S3Location location;
    private final Clock clock;
    private final Duration ttl;
    private final long stepSeconds;
    private final URI publicUrl;
    private final Map<String, Signed> cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Signed> eldest) {
            return size() > CACHED_URLS;
        }
    });

    /** @param publicUrl a CDN base URL, or empty for S3's own host */
    public S3MediaUrls(S3Presigner presigner, S3Location location, Clock clock, Duration ttl, String publicUrl) {
        if (ttl.toSeconds() < 60 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("vivreal.media.url-ttl must be between one minute and 7 days on S3");
        }
        this.presigner = presigner;
        this.location = location;
        this.clock = clock;
        this.ttl = ttl;
        this.stepSeconds = Math.max(1, Math.min(3600, ttl.toSeconds() / 24));
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : URI.create(publicUrl.strip());
        if (this.publicUrl != null
                && (this.publicUrl.getHost() == null || !"https".equals(this.publicUrl.getScheme()))) {
            throw new IllegalArgumentException("VIVREAL_MEDIA_PUBLIC_URL must be an https:// URL");
        }
    }

    @Override
    public String signedUrl(String bucketName, String key) {
        String objectKey = location.objectKey(bucketName, key);
        long now = clock.instant().getEpochSecond();
        Signed signed = cache.get(objectKey);
        if (signed != null && now < signed.validUntil()) {
            return signed.url();
        }
        String url = presigner
                .presignGetObject(request -> request.signatureDuration(ttl)
                        .getObjectRequest(get -> get.bucket(location.bucket()).key(objectKey)))
                .url()
                .toString();
        url = throughPublicHost(url);
        cache.put(objectKey, new Signed(url, now + stepSeconds));
        return url;
    }

    private String throughPublicHost(String url) {
        if (publicUrl == null) {
            return url;
        }
        URI signed = URI.create(url);
        String base = publicUrl.toString().replaceAll("/+$", "");
        return base + signed.getRawPath() + "?" + signed.getRawQuery();
    }
}
