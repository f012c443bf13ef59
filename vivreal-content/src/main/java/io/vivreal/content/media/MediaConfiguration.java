package io.vivreal.content.media;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.config.VivrealProperties;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.web.PublicUrl;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import javax.imageio.ImageIO;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Media: file storage (the data directory, or S3 with {@code VIVREAL_MEDIA_STORAGE=s3://...}),
 * the records, signed URLs with {@code srcset}, image derivatives and the upload rules.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaProperties.class)
public class MediaConfiguration {

    @Bean
    MediaStorage mediaStorage(VivrealProperties properties, MediaProperties media) {
        if (S3Location.isS3(media.storage())) {
            S3ClientBuilder builder = S3Client.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(media.s3PathStyle())
                            .build());
            if (!media.s3Region().isBlank()) {
                builder.region(Region.of(media.s3Region()));
            }
            if (!media.s3Endpoint().isBlank()) {
                builder.endpointOverride(URI.create(media.s3Endpoint()));
            }
            return new S3MediaStorage(builder.build(), S3Location.parse(media.storage()));
        }
        if (!media.storage().isBlank()) {
            throw new IllegalArgumentException("VIVREAL_MEDIA_STORAGE must be empty (local disk) or s3://<bucket>");
        }
        return new FilesystemMediaStorage(properties.dataDir().resolve("media"));
    }

    @Bean
    MediaRepository mediaRepository(ControlPlane controlPlane) {
        return new MediaRepository(controlPlane);
    }

    /** This server's own signed links; the download route verifies them. */
    @Bean
    HmacMediaUrls hmacMediaUrls(Secrets secrets, PublicUrl publicUrl, Clock clock, MediaProperties properties) {
        String mediaHost = properties.publicUrl().strip().replaceAll("/+$", "");
        return new HmacMediaUrls(
                secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET),
                mediaHost.isEmpty() || S3Location.isS3(properties.storage()) ? publicUrl::value : () -> mediaHost,
                clock,
                properties.urlTtl());
    }

    /** The links answers carry: S3's presigned URLs or this server's, with {@code srcset}. */
    @Bean
    @Primary
    SrcsetMediaUrls mediaUrls(HmacMediaUrls hmac, MediaRepository repository, MediaProperties properties, Clock clock) {
        if (!S3Location.isS3(properties.storage())) {
            return new SrcsetMediaUrls(hmac, repository);
        }
        S3Presigner.Builder presigner = S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(properties.s3PathStyle())
                        .build());
        if (!properties.s3Region().isBlank()) {
            presigner.region(Region.of(properties.s3Region()));
        }
        if (!properties.s3Endpoint().isBlank()) {
            presigner.endpointOverride(URI.create(properties.s3Endpoint()));
        }
        return new SrcsetMediaUrls(
                new S3MediaUrls(
                        presigner.build(),
                        S3Location.parse(properties.storage()),
                        clock,
                        properties.urlTtl(),
                        properties.publicUrl()),
                repository);
    }

    @Bean
    ImageDerivatives imageDerivatives(MediaProperties properties) {
        ImageIO.scanForPlugins();
        return new ImageDerivatives(properties.maxImagePixels());
    }

    @Bean(destroyMethod = "close")
    ImageWorkers imageWorkers(MediaProperties properties) {
        return new ImageWorkers(properties.imageWorkers(), properties.imageQueue());
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
            MediaProperties properties,
            ImageDerivatives images,
            ImageWorkers workers,
            SrcsetMediaUrls urls) {
        return new MediaService(
                repository,
                storage,
                usage,
                audit,
                clock,
                random,
                properties.minFreeDisk().toBytes(),
                images,
                workers,
                urls::forget);
    }
}
