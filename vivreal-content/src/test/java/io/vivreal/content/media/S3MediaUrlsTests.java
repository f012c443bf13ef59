package io.vivreal.content.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3MediaUrlsTests {

    private static final String KEY = "0123456789abcdef01234567.png";
    private final S3Location location = S3Location.parse("s3://vivreal-media/sites");

    private static S3Presigner presigner() {
        return S3Presigner.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATEST", "secret")))
                .build();
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void urlsArePresignedOnTheBucketsOwnHostUnderTheGroupsPrefix() {
        S3MediaUrls urls = new S3MediaUrls(presigner(), location, at("2026-01-01T00:00:00Z"), Duration.ofHours(24), "");

        URI url = URI.create(urls.signedUrl("jazz-club", KEY));

        assertThat(url.getHost()).isEqualTo("vivreal-media.s3.eu-west-1.amazonaws.com");
        assertThat(url.getRawPath()).isEqualTo("/sites/jazz-club/" + KEY);
        assertThat(url.getRawQuery()).contains("X-Amz-Expires=86400").contains("X-Amz-Signature=");
    }

    @Test
    void aCdnHostReplacesOnlySchemeAndHost() {
        S3MediaUrls direct =
                new S3MediaUrls(presigner(), location, at("2026-01-01T00:00:00Z"), Duration.ofHours(24), "");
        S3MediaUrls cdn = new S3MediaUrls(
                presigner(), location, at("2026-01-01T00:00:00Z"), Duration.ofHours(24), "https://media.example.com/");

        URI viaCdn = URI.create(cdn.signedUrl("jazz-club", KEY));

        assertThat(viaCdn.getScheme() + "://" + viaCdn.getHost()).isEqualTo("https://media.example.com");
        assertThat(viaCdn.getRawPath()).isEqualTo("/sites/jazz-club/" + KEY);
        assertThat(viaCdn.getRawQuery()).contains("X-Amz-Signature=");
        assertThat(URI.create(direct.signedUrl("jazz-club", KEY)).getRawPath()).isEqualTo(viaCdn.getRawPath());
    }

    @Test
    void theSameFileGetsTheSameUrlWithinAStepSoAnswersKeepTheirEtag() {
        S3MediaUrls urls = new S3MediaUrls(presigner(), location, Clock.systemUTC(), Duration.ofHours(24), "");

        assertThat(urls.signedUrl("jazz-club", KEY)).isEqualTo(urls.signedUrl("jazz-club", KEY));
    }

    @Test
    void namesOutsideTheMediaGrammarAndBadSettingsAreRefused() {
        S3MediaUrls urls = new S3MediaUrls(presigner(), location, Clock.systemUTC(), Duration.ofHours(1), "");

        assertThatThrownBy(() -> urls.signedUrl("jazz-club", "../other/" + KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> urls.signedUrl("../x", KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3MediaUrls(presigner(), location, Clock.systemUTC(), Duration.ofDays(8), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3MediaUrls(
                        presigner(), location, Clock.systemUTC(), Duration.ofHours(1), "http://media.example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Location.parse("s3://Bad_Bucket")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Location.parse("s3://bucket/../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(S3Location.parse("s3://bucket")).isEqualTo(new S3Location("bucket", ""));
        assertThat(S3Location.parse("s3://bucket/a/b/")).isEqualTo(new S3Location("bucket", "a/b/"));
    }
}
