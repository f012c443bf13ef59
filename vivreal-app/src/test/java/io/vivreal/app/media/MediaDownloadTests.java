package io.vivreal.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code GET /media/{bucketName}/{key}}: only a valid, unexpired signature for that exact file opens it. */
@ExtendWith(OutputCaptureExtension.class)
class MediaDownloadTests extends MediaTestSupport {

    private static final String INVALID =
            "{\"error\":\"forbidden\",\"message\":\"this link is invalid or has expired\"}";

    private Fixtures.User owner;
    private String group;
    private String bucket;
    private String key;
    private String url;
    private byte[] bytes;

    @BeforeEach
    void file() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        bucket = bucketName(owner, group);
        bytes = MediaFiles.image("png");
        key = uploaded(owner, group, "a.png", "image/png", bytes);
        url = relative(signedUrl(owner, group, key));
    }

    private void assertInvalid(String pathAndQuery) {
        Download download = download(pathAndQuery);
        assertThat(download.status()).as(pathAndQuery).isEqualTo(403);
        assertThat(download.text()).as(pathAndQuery).isEqualTo(INVALID);
        assertThat(download.header("Cache-Control")).isEqualTo("no-store");
    }

    private String exp() {
        return url.replaceAll(".*exp=(\\d+).*", "$1");
    }

    private String sig() {
        return url.replaceAll(".*sig=([A-Za-z0-9_-]+).*", "$1");
    }

    @Test
    void theSignedUrlDownloadsTheFile() {
        Download download = download(url);

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(download.header("Content-Disposition")).startsWith("inline; filename=\"a.png\"");
        assertThat(download.header("Set-Cookie")).isNull();
        assertThat(download.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aSignatureTheServerComputesTheSameWayIsAccepted() {
        // proves the test's signer matches the server's, so the refusals below are about the link
        assertThat(sign(bucket, key, Long.parseLong(exp()))).isEqualTo(url);
    }

    @Test
    void unsignedTamperedAndMismatchedLinksGetTheSameForbidden() {
        String path = "/media/" + bucket + "/" + key;
        char first = sig().charAt(10);
        String tampered = sig().substring(0, 10) + (first == 'A' ? 'B' : 'A') + sig().substring(11);

        assertInvalid(path);
        assertInvalid(path + "?exp=" + exp());
        assertInvalid(path + "?sig=" + sig());
        assertInvalid(path + "?exp=" + exp() + "&sig=" + tampered);
        assertInvalid(path + "?exp=" + (Long.parseLong(exp()) + 3600) + "&sig=" + sig());
        assertInvalid(path + "?exp=" + exp() + "&sig=" + sig() + "&sig=" + sig());
        assertInvalid(path + "?exp=" + exp() + "&sig=");
        assertInvalid(path + "?exp=abc&sig=" + sig());
        String otherKey = HexFormat.of().formatHex(new byte[12]) + ".png";
        assertInvalid("/media/" + bucket + "/" + otherKey + "?exp=" + exp() + "&sig=" + sig());
        assertInvalid("/media/" + bucket + "/" + key.replace(".png", ".pdf") + "?exp=" + exp() + "&sig=" + sig());
    }

    @Test
    void anExpiredLinkIsRefusedEvenWithACorrectSignature() {
        long past = Instant.now().getEpochSecond() - 1;

        assertInvalid(sign(bucket, key, past));
        assertThat(download(sign(bucket, key, Instant.now().getEpochSecond() + 120))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anotherGroupsBucketCannotBeReachedWithThisGroupsSignature() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String otherBucket = bucketName(other, otherGroup);
        byte[] secretBytes = MediaFiles.pdf();
        String otherKey = uploaded(other, otherGroup, "private.pdf", "application/pdf", secretBytes);

        assertInvalid("/media/" + otherBucket + "/" + key + "?exp=" + exp() + "&sig=" + sig());
        assertInvalid("/media/" + otherBucket + "/" + otherKey + "?exp=" + exp() + "&sig=" + sig());
        assertInvalid("/media/" + bucket + "/" + otherKey + "?exp=" + exp() + "&sig=" + sig());
        // a correctly signed pair that does not exist together: the other group's key in this bucket
        Download mixed = download(sign(bucket, otherKey, Long.parseLong(exp())));
        assertThat(mixed.status()).isEqualTo(404);
        assertThat(mixed.body()).isNotEqualTo(secretBytes);
    }

    @Test
    void pathTraversalNeverReturnsAFile() throws IOException {
        String pepper = Files.readString(DATA_DIR.resolve("secrets").resolve("api-key-pepper"))
                .strip();
        String pepperValue = pepper.substring(pepper.indexOf(':') + 1);
        String query = "?exp=" + exp() + "&sig=" + sig();
        String[] targets = {
            "/media/../secrets/api-key-pepper",
            "/media/../secrets/api-key-pepper" + query,
            "/media/%2e%2e/secrets/api-key-pepper" + query,
            "/media/%2E%2E/%2E%2E/secrets/api-key-pepper",
            "/media/" + bucket + "/..%2f..%2fsecrets%2fapi-key-pepper" + query,
            "/media/" + bucket + "/%2e%2e%2f%2e%2e%2fsecrets%2fapi-key-pepper" + query,
            "/media/..%2fsecrets/api-key-pepper" + query,
            "/media/" + bucket + "/../../secrets/api-key-pepper" + query,
            "/media/" + bucket + "/..;/..;/secrets/api-key-pepper" + query,
            "/media/" + bucket + "/" + key + "/..%5c..%5csecrets%5capi-key-pepper" + query,
            "/media/" + bucket + "%2f..%2f..%2fsecrets/api-key-pepper" + query,
            "/media/" + bucket + "/" + key + "%00.png" + query,
            "/media//secrets/api-key-pepper" + query,
            "/media/./" + bucket + "/" + key + query,
        };
        for (String target : targets) {
            String response = rawGet(target);
            String status = response.substring(0, response.indexOf("\r\n"));
            assertThat(status).as(target).matches("HTTP/1\\.1 4\\d\\d.*");
            assertThat(response).as(target).doesNotContain(pepperValue);
        }
    }

    @Test
    void aValidLinkToADeletedFileIsNotFound() {
        assertThat(http.delete("/api/groups/" + group + "/media/" + key, owner.auth())
                        .status())
                .isEqualTo(204);

        Download download = download(url);

        assertThat(download.status()).isEqualTo(404);
        assertThat(download.text()).contains("\"error\":\"not_found\"");
    }

    @Test
    void rangeRequestsAnswerPartialContent() {
        Download part = download(url, "Range", "bytes=0-7");

        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOf(bytes, 8));
        assertThat(part.header("Content-Range")).isEqualTo("bytes 0-7/" + bytes.length);
        assertThat(part.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void pdfsAreDownloadsNotPages() {
        String pdf = uploaded(owner, group, "menu.pdf", "application/pdf", MediaFiles.pdf());

        Download download = download(relative(signedUrl(owner, group, pdf)));

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).startsWith("attachment; filename=\"menu.pdf\"");
        assertThat(download.header("Content-Security-Policy")).isEqualTo("default-src 'none'; sandbox");
    }

    @Test
    void neitherTheSecretNorTheSigningKeyNorSignaturesReachTheLog(CapturedOutput output) {
        download(url);
        assertInvalid("/media/" + bucket + "/" + key + "?exp=" + exp() + "&sig=" + tampered(sig()));
        assertInvalid(sign(bucket, key, Instant.now().getEpochSecond() - 10));
        http.delete("/api/groups/" + group + "/media/" + key, owner.auth());
        download(url);

        byte[] secret = contextSecret();
        String log = output.getAll();
        assertThat(log).doesNotContain(Base64.getEncoder().encodeToString(secret));
        assertThat(log).doesNotContain(HexFormat.of().formatHex(secret));
        assertThat(log).doesNotContain(sig());
        assertThat(log).doesNotContain("sig=");
    }

    /** One character changed to a different one (a fixed replacement could equal the original). */
    private static String tampered(String signature) {
        char c = signature.charAt(5);
        return signature.substring(0, 5) + (c == 'A' ? 'B' : 'A') + signature.substring(6);
    }
}
