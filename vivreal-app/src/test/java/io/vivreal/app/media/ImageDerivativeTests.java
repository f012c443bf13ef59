package io.vivreal.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.store.ControlPlane;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Images as sites need them: derivatives at 320, 640 and 1280 px wide (never wider than the
 * original), {@code currentFile.srcset} in Client API answers, the pixel limit, and the quota.
 */
class ImageDerivativeTests extends MediaTestSupport {

    @Autowired
    ControlPlane controlPlane;

    private Fixtures.User owner;
    private String group;
    private String apiKey;

    @BeforeEach
    void group() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        apiKey = fixtures.apiKey(owner, group);
    }

    private long usedBytes() {
        return new UsageCounters(controlPlane, List.of()).used(group, Quota.MEDIA_BYTES);
    }

    private List<Path> storedFiles() throws IOException {
        Path bucket = mediaDir().resolve(bucketName(owner, group));
        if (!Files.isDirectory(bucket)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(bucket)) {
            return files.toList();
        }
    }

    private record Candidate(String url, int width) {}

    private static List<Candidate> candidates(String srcset) {
        List<Candidate> candidates = new ArrayList<>();
        for (String candidate : srcset.split(", ")) {
            String[] parts = candidate.split(" ");
            assertThat(parts).as(candidate).hasSize(2);
            assertThat(parts[1]).matches("[1-9][0-9]*w");
            candidates.add(new Candidate(parts[0], Integer.parseInt(parts[1].replace("w", ""))));
        }
        return candidates;
    }

    private BufferedImage downloadedImage(String url) throws IOException {
        Download download = download(relative(url));
        assertThat(download.status()).as(url).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("image/");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(download.body()));
        assertThat(image).as(url).isNotNull();
        return image;
    }

    /** The item's media value as {@code /tenant/collectionObjects} answers it. */
    private JsonNode itemPhoto(String key) {
        String types = "/api/groups/" + group + "/content-types";
        Http.Response type = http.post(
                types,
                Map.of(
                        "name",
                        "Gallery",
                        "fields",
                        List.of(
                                Map.of("name", "title", "type", "text", "required", true),
                                Map.of("name", "photo", "type", "image"))),
                owner.auth());
        assertThat(type.status()).as(type.body()).isEqualTo(201);
        String typeId = type.json().get("_id").asString();
        Http.Response item = http.post(
                types + "/" + typeId + "/items",
                Map.of(
                        "objectValue",
                        Map.of("title", "Hero", "photo", Map.of("key", key)),
                        "publishDate",
                        "2026-01-01T00:00:00Z"),
                owner.auth());
        assertThat(item.status()).as(item.body()).isEqualTo(201);
        Http.Response page = http.get("/tenant/collectionObjects?collectionId=" + typeId, "Authorization", apiKey);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return page.json().get("data").get("items").get(0).get("objectValue").get("photo");
    }

    @Test
    void aWidePhotoGetsDerivativesAt320640And1280InSrcset() throws IOException {
        byte[] photo = MediaFiles.picture(2000, 1000, false, "jpeg");
        String key = uploaded(owner, group, "hero.jpg", "image/jpeg", photo);

        JsonNode value = itemPhoto(key);
        String source = value.get("currentFile").get("source").asString();
        List<Candidate> srcset =
                candidates(value.get("currentFile").get("srcset").asString());

        assertThat(srcset).extracting(Candidate::width).containsExactly(320, 640, 1280);
        assertThat(srcset).extracting(Candidate::url).doesNotContain(source);
        assertThat(download(relative(source)).body()).isEqualTo(photo);
        for (Candidate candidate : srcset) {
            BufferedImage image = downloadedImage(candidate.url());
            assertThat(image.getWidth()).as(candidate.url()).isEqualTo(candidate.width());
            assertThat(image.getHeight()).as(candidate.url()).isEqualTo(candidate.width() / 2);
        }
        // every candidate is signed: altering a derivative's signature is refused
        String signed = relative(srcset.get(0).url());
        int sig = signed.indexOf("sig=") + 4;
        String tampered =
                signed.substring(0, sig) + (signed.charAt(sig) == 'A' ? 'B' : 'A') + signed.substring(sig + 1);
        assertThat(download(tampered).status()).isEqualTo(403);
        // the listing shows only the original
        assertThat(list(owner, group)).hasSize(1);
        assertThat(storedFiles()).hasSize(4);
    }

    @Test
    void anImageExactlyAsWideAsTheWidestStepIsItsOwnWidestCandidate() {
        String key = uploaded(owner, group, "wide.jpg", "image/jpeg", MediaFiles.picture(1280, 320, false, "jpeg"));

        JsonNode value = itemPhoto(key);
        List<Candidate> srcset =
                candidates(value.get("currentFile").get("srcset").asString());

        assertThat(srcset).extracting(Candidate::width).containsExactly(320, 640, 1280);
        assertThat(srcset.get(2).url())
                .isEqualTo(value.get("currentFile").get("source").asString());
    }

    @Test
    void aPhotoBetweenTheStepsGetsOnlyNarrowerDerivativesAndTransparencyStaysPng() throws IOException {
        String key = uploaded(owner, group, "logo.png", "image/png", MediaFiles.picture(1000, 500, true, "png"));

        JsonNode value = itemPhoto(key);
        List<Candidate> srcset =
                candidates(value.get("currentFile").get("srcset").asString());

        assertThat(srcset).extracting(Candidate::width).containsExactly(320, 640, 1000);
        for (Candidate candidate : srcset.subList(0, 2)) {
            Download download = download(relative(candidate.url()));
            assertThat(download.header("Content-Type")).isEqualTo("image/png");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(download.body()));
            assertThat(image.getWidth()).isEqualTo(candidate.width());
            assertThat(image.getColorModel().hasAlpha()).isTrue();
        }
    }

    @Test
    void aPhonesRotatedPhotoGetsUprightDerivativesAndItsDisplayedWidth() throws IOException {
        // stored 800 x 400, left half red; EXIF 6: shown turned a quarter clockwise, 400 x 800, red on top
        byte[] photo = MediaFiles.withExifOrientation(MediaFiles.halves(800, 400), 6);
        String key = uploaded(owner, group, "phone.jpg", "image/jpeg", photo);

        List<Candidate> srcset =
                candidates(itemPhoto(key).get("currentFile").get("srcset").asString());

        assertThat(srcset).extracting(Candidate::width).containsExactly(320, 400);
        BufferedImage derivative = downloadedImage(srcset.get(0).url());
        assertThat(derivative.getWidth()).isEqualTo(320);
        assertThat(derivative.getHeight()).isEqualTo(640);
        java.awt.Color top = new java.awt.Color(derivative.getRGB(160, 40));
        java.awt.Color bottom = new java.awt.Color(derivative.getRGB(160, 600));
        assertThat(top.getRed()).as("top is red").isGreaterThan(200);
        assertThat(top.getBlue()).isLessThan(60);
        assertThat(bottom.getBlue()).as("bottom is blue").isGreaterThan(200);
        assertThat(bottom.getRed()).isLessThan(60);
    }

    @Test
    void aNarrowImageIsItsOwnSrcsetAndIsNeverUpscaled() throws IOException {
        String key = uploaded(owner, group, "icon.png", "image/png", MediaFiles.picture(300, 200, false, "png"));

        JsonNode value = itemPhoto(key);

        String source = value.get("currentFile").get("source").asString();
        assertThat(value.get("currentFile").get("srcset").asString()).isEqualTo(source + " 300w");
        assertThat(storedFiles()).hasSize(1);
    }

    @Test
    void aWebpIsDecodedAndDerivedAsJpeg() throws IOException {
        // TwelveMonkeys reads WebP; the JDK writes none, so derivatives of an opaque WebP are JPEG
        String key = uploaded(owner, group, "tiny.webp", "image/webp", MediaFiles.webp());

        JsonNode value = itemPhoto(key);

        assertThat(value.get("currentFile").get("srcset").asString()).endsWith(" 1w");
    }

    @Test
    void siteDetailsCarrySrcsetToo() {
        String key = uploaded(owner, group, "hero.jpg", "image/jpeg", MediaFiles.picture(700, 350, false, "jpeg"));
        Map<String, Object> site = new java.util.LinkedHashMap<>();
        site.put("name", "Gallery");
        site.put("domainName", "www.gallery.example");
        site.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(Map.of("name", "logo", "type", "image")),
                        "values",
                        Map.of("logo", Map.of("key", key))));
        Http.Response created = http.post("/api/groups/" + group + "/sites", site, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String siteId = created.json().get("_id").asString();

        JsonNode logo = http.get("/tenant/siteDetails?siteId=" + siteId, "Authorization", apiKey)
                .json()
                .get("data")
                .get("siteDetails")
                .get("values")
                .get("logo");

        assertThat(candidates(logo.get("currentFile").get("srcset").asString()))
                .extracting(Candidate::width)
                .containsExactly(320, 640, 700);
    }

    @Test
    void anImageOf30000By30000PixelsIs400NamingTheLimitAndNothingIsStored() throws IOException {
        byte[] bomb = MediaFiles.pngClaiming(30_000, 30_000);
        assertThat(bomb.length).isLessThan(200);

        Http.Response response = upload(owner, group, "bomb.png", "image/png", bomb);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("image_too_large");
        assertThat(response.json().get("field").asString()).isEqualTo("file");
        assertThat(response.json().get("message").asString())
                .contains("50 megapixels")
                .contains("30000 × 30000");
        assertThat(list(owner, group)).isEmpty();
        assertThat(storedFiles()).isEmpty();
        assertThat(usedBytes()).isZero();
    }

    @Test
    void anImageWhoseHeaderCannotBeReadIs400() throws IOException {
        byte[] png = MediaFiles.pngClaiming(0, 10);

        Http.Response response = upload(owner, group, "broken.png", "image/png", png);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("unreadable_image");
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void anImageWhosePixelsAreTruncatedIs400AndNothingIsStored() throws IOException {
        byte[] png = MediaFiles.picture(1000, 500, false, "png");
        byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);

        Http.Response response = upload(owner, group, "cut.png", "image/png", truncated);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("unreadable_image");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(list(owner, group)).isEmpty();
        assertThat(storedFiles()).isEmpty();
        assertThat(usedBytes()).isZero();
    }

    @Test
    void derivativesCountTowardTheQuotaAndAreDeletedWithTheOriginal() throws IOException {
        byte[] photo = MediaFiles.picture(1600, 900, false, "jpeg");
        String key = uploaded(owner, group, "hero.jpg", "image/jpeg", photo);

        long derivatives = 0;
        for (Document file : controlPlane.collection("media").find(new Document("derivativeOf", key))) {
            derivatives += file.get("size", Number.class).longValue();
            assertThat(file.getString("groupID")).isEqualTo(group);
        }
        assertThat(derivatives).isPositive();
        assertThat(usedBytes()).isEqualTo(photo.length + derivatives);
        String derivativeKey = key.replace(".jpg", "-320w.jpg");
        assertThat(storedFiles())
                .extracting(path -> path.getFileName().toString())
                .contains(derivativeKey);

        // a derivative is not a file of its own: it cannot be deleted alone
        assertThat(http.delete("/api/groups/" + group + "/media/" + derivativeKey, owner.auth())
                        .status())
                .isEqualTo(404);

        assertThat(http.delete("/api/groups/" + group + "/media/" + key, owner.auth())
                        .status())
                .isEqualTo(204);
        assertThat(usedBytes()).isZero();
        assertThat(storedFiles()).isEmpty();
        assertThat(controlPlane.collection("media").countDocuments(new Document("derivativeOf", key)))
                .isZero();
    }

    @Test
    void anUploadWhoseDerivativesNoLongerFitTheQuotaIs402AndLeavesNothing() throws IOException {
        byte[] photo = MediaFiles.picture(1600, 900, false, "jpeg");
        long total = io.vivreal.core.group.TierLimits.of(io.vivreal.core.group.Tier.FREE)
                .mediaTotalBytes();
        long filler = total - photo.length - 100;
        controlPlane
                .collection("media")
                .insertOne(new Document("_id", new org.bson.types.ObjectId().toHexString() + ".png")
                        .append("groupID", group)
                        .append("bucketName", bucketName(owner, group))
                        .append("name", "filler.png")
                        .append("type", "image/png")
                        .append("size", filler)
                        .append("createdAt", new java.util.Date())
                        .append("createdBy", owner.id()));
        new UsageCounters(controlPlane, List.of())
                .acquire(
                        new io.vivreal.core.tenancy.TenantScope(group, "unused"),
                        io.vivreal.core.group.Tier.FREE,
                        Quota.MEDIA_BYTES,
                        filler);

        Http.Response response = upload(owner, group, "hero.jpg", "image/jpeg", photo);

        assertThat(response.status()).as(response.body()).isEqualTo(402);
        assertThat(response.json().get("field").asString()).isEqualTo("mediaBytes");
        assertThat(usedBytes()).isEqualTo(filler);
        assertThat(list(owner, group)).hasSize(1);
        assertThat(storedFiles()).isEmpty();
        assertThat(controlPlane.collection("media").countDocuments(new Document("groupID", group)))
                .isEqualTo(1);
    }

    @Test
    void aDerivativeKeyIsNotAMediaValue() {
        String key = uploaded(owner, group, "hero.jpg", "image/jpeg", MediaFiles.picture(800, 400, false, "jpeg"));
        String types = "/api/groups/" + group + "/content-types";
        Http.Response type = http.post(
                types,
                Map.of("name", "Posters", "fields", List.of(Map.of("name", "photo", "type", "image"))),
                owner.auth());
        String typeId = type.json().get("_id").asString();

        Http.Response item = http.post(
                types + "/" + typeId + "/items",
                Map.of("objectValue", Map.of("photo", Map.of("key", key.replace(".jpg", "-320w.jpg")))),
                owner.auth());

        assertThat(item.status()).as(item.body()).isEqualTo(400);
    }
}
