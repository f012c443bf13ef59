package io.vivreal.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./vivreal admin backup} against a running server under write load, then {@code admin
 * restore} into an empty directory: every group, item, key and file comes back, and the same API
 * key still authorizes.
 */
class BackupRestoreIT {

    @Test
    void aBackupTakenWhileTheServerWritesRestoresEveryGroupItemKeyAndFile() throws Exception {
        Path root = Path.of("target", "it-data", "backup-" + UUID.randomUUID()).toAbsolutePath();
        Path original = root.resolve("original");
        Path restored = root.resolve("restored");
        Path backup = root.resolve("vivreal-backup.zip");
        Fixtures.User owner;
        String group;
        String key;
        String type;
        String mediaKey;
        int acknowledgedBeforeBackup;
        try (ServerProcess server = ServerProcess.start(original, Map.of()).awaitHealthy()) {
            Http http = server.http;
            Fixtures fixtures = new Fixtures(http);
            ContentFixtures content = new ContentFixtures(http);
            owner = fixtures.user();
            group = fixtures.group(owner);
            key = fixtures.apiKey(owner, group);
            type = content.contentType(owner, group, "Shows");
            Http.Response uploaded = http.send(
                    "POST",
                    "/api/groups/" + group + "/media",
                    MediaFiles.multipart("poster.png", "image/png", MediaFiles.image("png")),
                    "Content-Type",
                    MediaFiles.MULTIPART,
                    "Authorization",
                    "Bearer " + owner.token());
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
            mediaKey = uploaded.json().get("key").asString();
            for (int i = 0; i < 10; i++) {
                content.item(owner, group, type, "Before " + i, Instant.now().minusSeconds(5), false, 3);
            }
            acknowledgedBeforeBackup = 10;

            // writes keep coming while the backup runs
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger during = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (writing.get()) {
                    content.item(owner, group, type, "During", Instant.now().minusSeconds(5), false, 2);
                    during.incrementAndGet();
                }
            });
            writer.start();
            ServerProcess.Result result = ServerProcess.run(original, Map.of(), "admin", "backup", backup.toString());
            writing.set(false);
            writer.join(30_000);

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("taken from the running server", "1 media file(s)");
            assertThat(during.get()).as("items written while the backup ran").isPositive();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                    .isEqualTo("rw-------");
            ServerProcess.Result again = ServerProcess.run(original, Map.of(), "admin", "backup", backup.toString());
            assertThat(again.exitCode())
                    .as("an existing file is never overwritten")
                    .isEqualTo(1);
        }

        Files.createDirectories(root.resolve("not-empty"));
        Files.writeString(root.resolve("not-empty").resolve("something"), "x");
        ServerProcess.Result refused =
                ServerProcess.run(root.resolve("not-empty"), Map.of(), "admin", "restore", backup.toString());
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("not empty");

        ServerProcess.Result restore = ServerProcess.run(restored, Map.of(), "admin", "restore", backup.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("restore: bytes: 0%").contains("restore: bytes: 100%");

        try (ServerProcess server = ServerProcess.start(restored, Map.of()).awaitHealthy()) {
            Http http = server.http;
            Http.Response page =
                    http.get("/tenant/collectionObjects?collectionId=" + type + "&limit=100", "Authorization", key);
            assertThat(page.status()).as("the same key authorizes").isEqualTo(200);
            JsonNode data = page.json().get("data");
            assertThat(data.get("totalCount").asInt()).isGreaterThanOrEqualTo(acknowledgedBeforeBackup);
            Http.Response login =
                    http.post("/auth/login", Map.of("email", owner.email(), "password", Fixtures.PASSWORD));
            assertThat(login.status()).isEqualTo(200);
            String token = login.json().get("idToken").asString();
            Http.Response files = http.get("/api/groups/" + group + "/media", "Authorization", "Bearer " + token);
            assertThat(files.status()).isEqualTo(200);
            assertThat(files.json().get(0).get("key").asString()).isEqualTo(mediaKey);
            URI signed = URI.create(files.json().get(0).get("url").asString());
            Http.Response download = http.get(signed.getRawPath() + "?" + signed.getRawQuery());
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.header("content-type")).isEqualTo("image/png");
        }
    }
}
