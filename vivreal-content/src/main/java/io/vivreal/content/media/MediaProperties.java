package io.vivreal.content.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Media settings, bound from {@code VIVREAL_MEDIA_*}.
 *
 * @param urlTtl how long a signed media URL stays valid ({@code VIVREAL_MEDIA_URL_TTL}, default
 *     24 h); at least a minute
 * @param minFreeDisk uploads are refused (507) when they would leave less free space than this on
 *     the media disk ({@code VIVREAL_MEDIA_MIN_FREE_DISK}, default 1 GB), so the store and the
 *     system keep room to write
 */
@ConfigurationProperties("vivreal.media")
public record MediaProperties(
        @DefaultValue("24h") Duration urlTtl,
        @DefaultValue("1GB") DataSize minFreeDisk) {}
