package io.vivreal.content.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Media settings, bound from {@code VIVREAL_MEDIA_*}.
 *
 * @param urlTtl how long a signed media URL stays valid ({@code VIVREAL_MEDIA_URL_TTL}, default
 *     24 h); at least a minute
 */
@ConfigurationProperties("vivreal.media")
public record MediaProperties(@DefaultValue("24h") Duration urlTtl) {}
