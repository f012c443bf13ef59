package io.vivreal.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Big-but-allowed images against the packaged server in {@code -Xmx256m}: four groups upload a
 * 7,000 × 7,000 PNG (49 MP, just under the 50 MP limit; decoded in full it would be 196 MB of
 * pixels) at the same time. Each is decoded subsampled on the bounded image pool, every upload
 * gets its derivatives, and the server never runs out of heap.
 */
class ImageHeapIT {

    private static final int SIDE = 7_000;
    private static final int GROUPS = 4;

    @Test
    void fourBigImagesAtOnceFitIn256Mb() throws Exception {
        Path dataDir =
                Path.of("target", "it-data", "images-" + UUID.randomUUID()).toAbsolutePath();
        byte[] big = png(SIDE, SIDE);
        assertThat(big.length).isLessThan(5 * 1024 * 1024);
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of()).awaitHealthy()) {
            Http http = server.http;
            Fixtures fixtures = new Fixtures(http);
            List<Fixtures.User> owners = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            for (int i = 0; i < GROUPS; i++) {
                Fixtures.User owner = fixtures.user();
                owners.add(owner);
                groups.add(fixtures.group(owner));
            }

            ExecutorService pool = Executors.newFixedThreadPool(GROUPS);
            List<Future<Http.Response>> uploads = new ArrayList<>();
            for (int i = 0; i < GROUPS; i++) {
                Fixtures.User owner = owners.get(i);
                String group = groups.get(i);
                uploads.add(pool.submit(() -> upload(http, owner, group, "poster.png", big)));
            }
            List<String> keys = new ArrayList<>();
            for (Future<Http.Response> upload : uploads) {
                Http.Response response = upload.get(300, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                keys.add(response.json().get("key").asString());
            }
            pool.shutdownNow();

            Http.Response bomb =
                    upload(http, owners.get(0), groups.get(0), "bomb.png", MediaFiles.pngClaiming(30_000, 30_000));
            assertThat(bomb.status()).as(bomb.body()).isEqualTo(400);

            // the first group's poster, as a site shows it: the 1280 px derivative really is 1280 wide
            String apiKey = fixtures.apiKey(owners.get(0), groups.get(0));
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("name", "Posters");
            site.put("domainName", "www.posters.example");
            site.put(
                    "siteDetails",
                    Map.of(
                            "schema",
                            List.of(Map.of("name", "poster", "type", "image")),
                            "values",
                            Map.of("poster", Map.of("key", keys.get(0)))));
            Http.Response created = http.post(
                    "/api/groups/" + groups.get(0) + "/sites",
                    site,
                    owners.get(0).auth());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode currentFile = http.get(
                            "/tenant/siteDetails?siteId="
                                    + created.json().get("_id").asString(),
                            "Authorization",
                            apiKey)
                    .json()
                    .get("data")
                    .get("siteDetails")
                    .get("values")
                    .get("poster")
                    .get("currentFile");
            String[] srcset = currentFile.get("srcset").asString().split(", ");
            assertThat(srcset).hasSize(3);
            assertThat(srcset[2]).endsWith(" 1280w");
            String widest = srcset[2].substring(0, srcset[2].indexOf(' '));
            HttpResponse<byte[]> derivative = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(widest)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(derivative.statusCode()).isEqualTo(200);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(derivative.body()));
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(image.getHeight()).isEqualTo(1280);

            assertThat(http.get("/actuator/health").status()).isEqualTo(200);
            assertThat(server.output()).doesNotContain("OutOfMemoryError");
        }
    }

    private static Http.Response upload(Http http, Fixtures.User user, String group, String name, byte[] content) {
        return http.send(
                "POST",
                "/api/groups/" + group + "/media",
                MediaFiles.multipart(name, "image/png", content),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + user.token());
    }

    /** An RGB PNG of stripes, written row by row so the test itself stays small in memory. */
    static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            chunk(
                    out,
                    "IHDR",
                    ByteBuffer.allocate(13)
                            .putInt(width)
                            .putInt(height)
                            .put(new byte[] {8, 2, 0, 0, 0})
                            .array());
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate =
                    new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
                byte[] row = new byte[1 + width * 3];
                for (int y = 0; y < height; y++) {
                    row[0] = 0;
                    for (int x = 0; x < width; x++) {
                        row[1 + x * 3] = (byte) ((x / 100) * 20);
                        row[2 + x * 3] = (byte) ((y / 100) * 20);
                        row[3 + x * 3] = (byte) 128;
                    }
                    deflate.write(row);
                }
            }
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
