package io.vivreal.content.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Media settings, bound from {@code VIVREAL_MEDIA_*}.
 *
 * @param urlTtl how long a signed media URL stays valid ({@code VIVREAL_MEDIA_URL_TTL}, default
 *     24 h); at least a minute, and at most 7 days on S3 (SigV4's limit)
 * @param minFreeDisk uploads are refused (507) when they would leave less free space than this on
 *     the media disk ({@code VIVREAL_MEDIA_MIN_FREE_DISK}, default 1 GB), so the store and the
 *     system keep room to write
 * @param maxImagePixels the largest width × height an uploaded image may declare ({@code
 *     VIVREAL_MEDIA_MAX_IMAGE_PIXELS}, default 50 000 000); larger is a 400
 * @param imageWorkers how many images are decoded at once ({@code VIVREAL_MEDIA_IMAGE_WORKERS},
 *     default 1: the packaged server's 256 MB heap)
 * @param imageQueue how many more may wait for a worker ({@code VIVREAL_MEDIA_IMAGE_QUEUE},
 *     default 4); beyond that an upload is a 429
 * @param storage where files live ({@code VIVREAL_MEDIA_STORAGE}): empty for the data directory,
 *     or {@code s3://<bucket>[/<prefix>]}
 * @param publicUrl a CDN base URL that media links are given instead of the storage's own host
 *     ({@code VIVREAL_MEDIA_PUBLIC_URL}); empty for none
 * @param s3Region the bucket's region ({@code VIVREAL_MEDIA_S3_REGION}); empty for the AWS SDK's
 *     default region chain
 * @param s3Endpoint an S3-compatible endpoint instead of AWS ({@code VIVREAL_MEDIA_S3_ENDPOINT})
 * @param s3PathStyle path-style requests ({@code VIVREAL_MEDIA_S3_PATH_STYLE}), which most
 *     S3-compatible servers need
 */
@ConfigurationProperties("vivreal.media")
public record MediaProperties(
        @DefaultValue("24h") Duration urlTtl,
        @DefaultValue("1GB") DataSize minFreeDisk,
        @DefaultValue("50000000") long maxImagePixels,
        @DefaultValue("1") int imageWorkers,
        @DefaultValue("4") int imageQueue,
        @DefaultValue("") String storage,
        @DefaultValue("") String publicUrl,
        @DefaultValue("") String s3Region,
        @DefaultValue("") String s3Endpoint,
        @DefaultValue("false") boolean s3PathStyle) {}
