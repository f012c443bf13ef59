package io.vivreal.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Uploads stop before the disk fills: a reserve larger than any disk refuses every upload with 507. */
@SpringBootTest(classes = VivrealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaDiskGuardTests {

    private static final Path DATA_DIR =
            Path.of("target", "test-data", "disk-guard-" + UUID.randomUUID()).toAbsolutePath();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vivreal.data-dir", DATA_DIR::toString);
        registry.add("vivreal.media.min-free-disk", () -> "1000000TB");
    }

    @LocalServerPort
    int port;

    @Test
    void anUploadThatWouldEatIntoTheDiskReserveIs507AndNothingIsStored() throws IOException {
        Http http = new Http("http://localhost:" + port);
        Fixtures fixtures = new Fixtures(http);
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);

        Http.Response refused = http.send(
                "POST",
                "/api/groups/" + group + "/media",
                MediaFiles.multipart("p.png", "image/png", MediaFiles.image("png")),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());

        assertThat(refused.status()).as(refused.body()).isEqualTo(507);
        assertThat(refused.json().get("error").asString()).isEqualTo("insufficient_storage");
        assertThat(http.get("/api/groups/" + group + "/media", owner.auth()).json())
                .isEmpty();
        assertThat(http.get("/api/groups/" + group + "/usage", owner.auth())
                        .json()
                        .get("quotas")
                        .get("mediaBytes")
                        .get("used")
                        .asLong())
                .isZero();
        Path media = DATA_DIR.resolve("media");
        try (Stream<Path> files = Files.exists(media) ? Files.walk(media) : Stream.empty()) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
