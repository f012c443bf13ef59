package io.vivreal.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.content.media.MediaLookup;
import io.vivreal.core.group.Tier;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantScope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code POST/GET/DELETE /api/groups/{groupID}/media}: what may be uploaded, by whom, and how much. */
class MediaUploadTests extends MediaTestSupport {

    private static final int MB = 1024 * 1024;

    @Autowired
    ControlPlane controlPlane;

    @Autowired
    MediaLookup mediaLookup;

    private Fixtures.User owner;
    private String group;

    @BeforeEach
    void group() {
        owner = fixtures.user();
        group = fixtures.group(owner);
    }

    private UsageCounters usage() {
        return new UsageCounters(controlPlane, List.of());
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

    private void assertNothingStored() throws IOException {
        assertThat(list(owner, group)).isEmpty();
        assertThat(storedFiles()).isEmpty();
        assertThat(usage().used(group, Quota.MEDIA_BYTES)).isZero();
    }

    @Test
    void eachAllowedTypeUploadsAndItsSignedUrlDownloadsTheExactBytes() {
        record Sample(String filename, String type, byte[] bytes, String disposition) {}
        List<Sample> samples = List.of(
                new Sample("photo.jpg", "image/jpeg", MediaFiles.image("jpeg"), "inline"),
                new Sample("logo.png", "image/png", MediaFiles.image("png"), "inline"),
                new Sample("anim.gif", "image/gif", MediaFiles.image("gif"), "inline"),
                new Sample("hero.webp", "image/webp", MediaFiles.webp(), "inline"),
                new Sample("menu.pdf", "application/pdf", MediaFiles.pdf(), "attachment"),
                new Sample("trailer.mp4", "video/mp4", MediaFiles.mp4(), "inline"),
                new Sample("clip.webm", "video/webm", MediaFiles.webm(), "inline"));

        for (Sample sample : samples) {
            Http.Response response = upload(owner, group, sample.filename(), sample.type(), sample.bytes());

            assertThat(response.status())
                    .as(sample.filename() + ": " + response.body())
                    .isEqualTo(201);
            JsonNode file = response.json();
            String key = file.get("key").asString();
            assertThat(key).matches("[0-9a-f]{24}\\.[a-z0-9]+");
            assertThat(file.get("name").asString()).isEqualTo(sample.filename());
            assertThat(file.get("type").asString()).isEqualTo(sample.type());
            assertThat(file.get("size").asLong()).isEqualTo(sample.bytes().length);

            String url = signedUrl(owner, group, key);
            assertThat(url).startsWith(http.baseUrl() + "/media/" + bucketName(owner, group) + "/" + key + "?exp=");
            Download download = download(relative(url));
            assertThat(download.status()).as(sample.filename()).isEqualTo(200);
            assertThat(download.body()).as(sample.filename()).isEqualTo(sample.bytes());
            assertThat(download.header("Content-Type")).isEqualTo(sample.type());
            assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(sample.bytes().length));
            assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(download.header("Content-Security-Policy")).isEqualTo("default-src 'none'; sandbox");
            assertThat(download.header("Content-Disposition")).startsWith(sample.disposition() + ";");
            assertThat(download.header("Cache-Control")).matches("private, max-age=\\d+");
            long maxAge = Long.parseLong(download.header("Cache-Control").replaceAll("\\D", ""));
            assertThat(maxAge).isBetween(24 * 3600L - 60, 25 * 3600L);
        }
        assertThat(usage().used(group, Quota.MEDIA_BYTES))
                .isEqualTo(samples.stream().mapToLong(s -> s.bytes().length).sum());
    }

    @Test
    void theListIsNewestFirstAndBounded() {
        String first = uploaded(owner, group, "a.png", "image/png", MediaFiles.image("png"));
        String second = uploaded(owner, group, "b.pdf", "application/pdf", MediaFiles.pdf());

        JsonNode files = list(owner, group);

        assertThat(files.size()).isEqualTo(2);
        assertThat(files.get(0).get("key").asString()).isEqualTo(second);
        assertThat(files.get(1).get("key").asString()).isEqualTo(first);
        assertThat(files.get(0).get("createdBy").asString()).isEqualTo(owner.id());
        assertThat(http.get("/api/groups/" + group + "/media?limit=1", owner.auth())
                        .json()
                        .size())
                .isEqualTo(1);
        for (String query : new String[] {"limit=0", "limit=201", "skip=-1", "limit=x"}) {
            assertThat(http.get("/api/groups/" + group + "/media?" + query, owner.auth())
                            .status())
                    .as(query)
                    .isEqualTo(400);
        }
    }

    @Test
    void activeContentAndArchivesAre415WhateverTheyAreCalled() throws IOException {
        Object[][] refused = {
            {"cat.png", "image/png", MediaFiles.html()},
            {"page.html", "text/html", MediaFiles.html()},
            {"logo.svg", "image/svg+xml", MediaFiles.svg()},
            {"logo.png", "image/png", MediaFiles.svg()},
            {"site.zip", "application/zip", MediaFiles.zip()},
            {"photo.jpg", "image/jpeg", MediaFiles.zip()},
            {"notes.txt", null, "just text".getBytes()},
        };
        for (Object[] file : refused) {
            Http.Response response = upload(owner, group, (String) file[0], (String) file[1], (byte[]) file[2]);

            assertThat(response.status()).as(file[0] + ": " + response.body()).isEqualTo(415);
            assertThat(response.json().get("error").asString()).isEqualTo("unsupported_media_type");
            assertThat(response.json().get("field").asString()).isEqualTo("file");
        }
        assertNothingStored();
    }

    @Test
    void aNameOrDeclaredTypeThatContradictsTheContentIsCorrectedToWhatTheBytesAre() {
        Object[][] contradicting = {
            {"report.png", "application/pdf", MediaFiles.pdf(), "report.pdf", "application/pdf"},
            {"report.png", null, MediaFiles.pdf(), "report.pdf", "application/pdf"},
            {"report.pdf", "image/png", MediaFiles.pdf(), "report.pdf", "application/pdf"},
            {"photo.jpg", "image/png", MediaFiles.image("png"), "photo.png", "image/png"},
            {"photo.html", "text/html", MediaFiles.image("png"), "photo.png", "image/png"},
            {"clip.mp4", "video/mp4", MediaFiles.webm(), "clip.webm", "video/webm"},
            {"scan", "application/octet-streamy", MediaFiles.pdf(), "scan.pdf", "application/pdf"},
            {"photo.JPEG", "image/jpg", MediaFiles.image("jpeg"), "photo.JPEG", "image/jpeg"},
            {".png", "image/png", MediaFiles.image("jpeg"), "upload.jpg", "image/jpeg"},
        };
        for (Object[] file : contradicting) {
            Http.Response response = upload(owner, group, (String) file[0], (String) file[1], (byte[]) file[2]);

            assertThat(response.status()).as(file[0] + " as " + file[1]).isEqualTo(201);
            assertThat(response.json().get("name").asString())
                    .as((String) file[0])
                    .isEqualTo(file[3]);
            assertThat(response.json().get("type").asString())
                    .as((String) file[0])
                    .isEqualTo(file[4]);
            String key = response.json().get("key").asString();
            Download download = download(relative(signedUrl(owner, group, key)));
            assertThat(download.header("Content-Type")).isEqualTo(file[4]);
            assertThat(download.header("Content-Disposition")).contains((String) file[3]);
        }
    }

    @Test
    void theOriginalNameIsKeptOnlyAsCleanDisplayText() {
        Http.Response response =
                upload(owner, group, "C:\\fakepath\\..\\cat\u202Egnp.png", "image/png", MediaFiles.image("png"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("name").asString()).isEqualTo("catgnp.png");
        assertThat(response.json().get("key").asString()).doesNotContain("cat");
    }

    @Test
    void overTheTiersFileLimitIs413AndNothingIsStored() throws IOException {
        long limit = TierLimits.of(Tier.FREE).mediaMaxBytes();

        Http.Response response = upload(owner, group, "big.png", "image/png", MediaFiles.pngOfSize((int) limit + 1));

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.json().get("error").asString()).isEqualTo("too_large");
        assertThat(response.json().get("field").asString()).isEqualTo("file");
        assertNothingStored();
        assertThat(upload(owner, group, "exact.png", "image/png", MediaFiles.pngOfSize((int) limit))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aFileOverTheLargestTiersLimitIsRefusedWhileParsing() throws IOException {
        Http.Response response = upload(owner, group, "huge.png", "image/png", MediaFiles.pngOfSize(50 * MB + 1024));

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.json().get("error").asString()).isEqualTo("too_large");
        assertThat(response.json().get("field").asString()).isEqualTo("file");
        assertNothingStored();
    }

    /** A file already stored (a record the recount sees), without writing its bytes to disk. */
    private void storedRecordOf(long size) {
        controlPlane
                .collection("media")
                .insertOne(new Document("_id", new org.bson.types.ObjectId().toHexString() + ".png")
                        .append("groupID", group)
                        .append("bucketName", bucketName(owner, group))
                        .append("name", "filler.png")
                        .append("type", "image/png")
                        .append("size", size)
                        .append("createdAt", new java.util.Date())
                        .append("createdBy", owner.id()));
        usage().acquire(new TenantScope(group, "unused"), Tier.FREE, Quota.MEDIA_BYTES, size);
    }

    @Test
    void theGroupsByteQuotaIs402AndIsGivenBackOnDelete() throws IOException {
        long total = TierLimits.of(Tier.FREE).mediaTotalBytes();
        storedRecordOf(total - 1000);

        Http.Response refused = upload(owner, group, "fits-not.png", "image/png", MediaFiles.pngOfSize(2000));

        assertThat(refused.status()).as(refused.body()).isEqualTo(402);
        assertThat(refused.json().get("error").asString()).isEqualTo("quota_exceeded");
        assertThat(refused.json().get("field").asString()).isEqualTo("mediaBytes");
        assertThat(usage().used(group, Quota.MEDIA_BYTES)).isEqualTo(total - 1000);
        assertThat(list(owner, group)).hasSize(1);
        assertThat(storedFiles()).isEmpty();

        String key = uploaded(owner, group, "fits.png", "image/png", MediaFiles.pngOfSize(900));
        assertThat(usage().used(group, Quota.MEDIA_BYTES)).isEqualTo(total - 100);

        assertThat(http.delete("/api/groups/" + group + "/media/" + key, owner.auth())
                        .status())
                .isEqualTo(204);
        assertThat(usage().used(group, Quota.MEDIA_BYTES)).isEqualTo(total - 1000);
        assertThat(storedFiles()).isEmpty();
    }

    @Test
    void aCounterThatDriftedAboveWhatIsStoredIsRecountedInsteadOfRefusing() throws IOException {
        long total = TierLimits.of(Tier.FREE).mediaTotalBytes();
        // taken but never written, as when a process dies between taking quota and storing the file
        usage().acquire(new TenantScope(group, "unused"), Tier.FREE, Quota.MEDIA_BYTES, total - 1000);

        String key = uploaded(owner, group, "fits.png", "image/png", MediaFiles.pngOfSize(2000));

        assertThat(key).isNotBlank();
        assertThat(usage().used(group, Quota.MEDIA_BYTES)).isEqualTo(2000);
    }

    @Test
    void editorsUploadAndDeleteViewersOnlyListOutsidersSeeNothing() {
        Fixtures.User editor = fixtures.user();
        Fixtures.User viewer = fixtures.user();
        Fixtures.User outsider = fixtures.user();
        fixtures.addMember(owner, group, editor, "editor");
        fixtures.addMember(owner, group, viewer, "viewer");
        String key = uploaded(editor, group, "a.png", "image/png", MediaFiles.image("png"));

        Http.Response viewerUpload = upload(viewer, group, "b.png", "image/png", MediaFiles.image("png"));
        assertThat(viewerUpload.status()).isEqualTo(403);
        assertThat(viewerUpload.json().get("error").asString()).isEqualTo("forbidden");
        assertThat(http.get("/api/groups/" + group + "/media", viewer.auth()).status())
                .isEqualTo(200);
        assertThat(http.delete("/api/groups/" + group + "/media/" + key, viewer.auth())
                        .status())
                .isEqualTo(403);

        Http.Response outsiderUpload = upload(outsider, group, "c.png", "image/png", MediaFiles.image("png"));
        assertThat(outsiderUpload.status()).isEqualTo(404);
        assertThat(outsiderUpload.json().get("error").asString()).isEqualTo("not_found");
        assertThat(http.get("/api/groups/" + group + "/media", outsider.auth()).status())
                .isEqualTo(404);
        assertThat(http.delete("/api/groups/" + group + "/media/" + key, outsider.auth())
                        .status())
                .isEqualTo(404);

        assertThat(http.send(
                                "POST",
                                "/api/groups/" + group + "/media",
                                MediaFiles.multipart("d.png", "image/png", MediaFiles.image("png")),
                                "Content-Type",
                                MediaFiles.MULTIPART)
                        .status())
                .isEqualTo(401);
        assertThat(list(owner, group).size()).isEqualTo(1);
        assertThat(http.delete("/api/groups/" + group + "/media/" + key, editor.auth())
                        .status())
                .isEqualTo(204);
        assertThat(list(owner, group)).isEmpty();
    }

    @Test
    void anotherGroupsKeyCannotBeUsedListedOrDeleted() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String key = uploaded(owner, group, "mine.png", "image/png", MediaFiles.image("png"));

        assertThat(http.delete("/api/groups/" + otherGroup + "/media/" + key, other.auth())
                        .status())
                .isEqualTo(404);
        assertThat(list(other, otherGroup)).isEmpty();
        assertThat(mediaLookup.find(new TenantScope(otherGroup, "general_shared"), key))
                .isEmpty();
        assertThat(mediaLookup.find(new TenantScope(group, "general_shared"), key))
                .hasValueSatisfying(file -> assertThat(file.type()).isEqualTo("image/png"));
        assertThat(list(owner, group).size()).isEqualTo(1);
    }

    @Test
    void malformedUploadsAre400() {
        String route = "/api/groups/" + group + "/media";
        Http.Response json = http.post(route, Map.of("file", "x"), owner.auth());
        assertThat(json.status()).as(json.body()).isEqualTo(400);
        assertThat(json.json().get("field").asString()).isEqualTo("file");

        Http.Response otherField = http.send(
                "POST",
                route,
                MediaFiles.multipart("upload", "a.png", "image/png", MediaFiles.image("png")),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());
        assertThat(otherField.status()).as(otherField.body()).isEqualTo(400);

        ByteArrayOutputStream two = new ByteArrayOutputStream();
        MediaFiles.part(two, "file", "a.png", "image/png", MediaFiles.image("png"));
        MediaFiles.part(two, "file", "b.png", "image/png", MediaFiles.image("png"));
        two.writeBytes(MediaFiles.ascii("--" + MediaFiles.BOUNDARY + "--\r\n"));
        Http.Response twoFiles = http.send(
                "POST",
                route,
                two.toByteArray(),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());
        assertThat(twoFiles.status()).as(twoFiles.body()).isEqualTo(400);

        Http.Response broken = http.send(
                "POST",
                route,
                "--nope\r\ngarbage",
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());
        assertThat(broken.status()).as(broken.body()).isEqualTo(400);

        Http.Response empty = upload(owner, group, "empty.png", "image/png", new byte[0]);
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        assertThat(list(owner, group)).isEmpty();
    }

    @Test
    void theUploadRouteTakesMoreThanOneMegabyteWhileOtherRoutesKeepTheLimit() {
        byte[] twoMegabytes = MediaFiles.pngOfSize(2 * MB);

        assertThat(upload(owner, group, "big.png", "image/png", twoMegabytes).status())
                .isEqualTo(201);

        String padding = "x".repeat(2 * MB);
        Http.Response createGroup = http.post("/api/groups", Map.of("name", "Big", "pad", padding), owner.auth());
        assertThat(createGroup.status()).isEqualTo(413);
        assertThat(createGroup.json().get("error").asString()).isEqualTo("too_large");
        Http.Response addMember = http.post(
                "/api/groups/" + group + "/members", Map.of("email", "a@example.com", "pad", padding), owner.auth());
        assertThat(addMember.status()).isEqualTo(413);
        Http.Response otherSpelling = http.send(
                "POST",
                "/api/groups/" + group + "/media/",
                MediaFiles.multipart("big.png", "image/png", twoMegabytes),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());
        assertThat(otherSpelling.status()).as("only the exact route spelling").isEqualTo(413);
        assertThat(http.send(
                                "PUT",
                                "/api/groups/" + group + "/media",
                                MediaFiles.multipart("big.png", "image/png", twoMegabytes),
                                "Content-Type",
                                MediaFiles.MULTIPART,
                                "Authorization",
                                "Bearer " + owner.token())
                        .status())
                .as("only POST")
                .isEqualTo(413);
        assertThat(list(owner, group).size()).isEqualTo(1);
    }

    @Test
    void uploadsAndDeletionsAreAudited() {
        String key = uploaded(owner, group, "a.png", "image/png", MediaFiles.image("png"));
        http.delete("/api/groups/" + group + "/media/" + key, owner.auth());

        List<String> actions = new ArrayList<>();
        for (JsonNode entry :
                http.get("/api/groups/" + group + "/audit", owner.auth()).json()) {
            if (entry.get("entityType").asString().equals("media")) {
                assertThat(entry.get("entityId").asString()).isEqualTo(key);
                assertThat(entry.get("actor").asString()).isEqualTo(owner.id());
                actions.add(entry.get("action").asString());
            }
        }
        assertThat(actions).containsExactly("media.deleted", "media.uploaded");
        assertThat(http.delete("/api/groups/" + group + "/media/" + key, owner.auth())
                        .status())
                .isEqualTo(404);
    }
}
