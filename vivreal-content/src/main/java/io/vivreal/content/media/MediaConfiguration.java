package io.vivreal.content.media;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.web.PublicUrl;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Media: file storage under the data directory, the records, signed URLs and the upload rules. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaProperties.class)
public class MediaConfiguration {

    @Bean
    MediaStorage mediaStorage(VivrealProperties properties) {
        return new FilesystemMediaStorage(properties.dataDir().resolve("media"));
    }

    @Bean
    MediaRepository mediaRepository(ControlPlane controlPlane) {
        return new MediaRepository(controlPlane);
    }

    @Bean
    HmacMediaUrls mediaUrls(Secrets secrets, PublicUrl publicUrl, Clock clock, MediaProperties properties) {
        return new HmacMediaUrls(
                secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET), publicUrl::value, clock, properties.urlTtl());
    }

    @Bean
    MediaSigner mediaSigner(MediaRepository repository, MediaUrls urls) {
        return new MediaSigner(repository::knownKeys, urls);
    }

    @Bean
    MediaService mediaService(
            MediaRepository repository,
            MediaStorage storage,
            UsageCounters usage,
            AuditLog audit,
            Clock clock,
            SecureRandom random,
            MediaProperties properties) {
        return new MediaService(
                repository,
                storage,
                usage,
                audit,
                clock,
                random,
                properties.minFreeDisk().toBytes());
    }
}
