package io.vivreal.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * {@code VIVREAL_MEDIA_STORAGE=s3://vivreal-media/sites}: the server stores media in a real
 * S3-compatible server (Adobe S3Mock's jar, its own process) and answers presigned SigV4 URLs that
 * point at that server. S3Mock checks neither presigned signatures nor expiry, so the S3 endpoint
 * the server and the sites talk to is {@link SigV4Gate}, which does, in front of S3Mock.
 * Credentials come from the AWS SDK's default chain (here its system properties).
 */
@SpringBootTest(classes = VivrealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class S3MediaTests {

    private static final String BUCKET = "vivreal-media";
    private static final String ACCESS_KEY = "AKIAVIVREALTEST00001";
    private static final String SECRET_KEY = "s3-test-secret-" + UUID.randomUUID();
    private static S3MockProcess s3mock;
    private static SigV4Gate gate;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) throws IOException {
        s3mock = S3MockProcess.start(BUCKET);
        gate = new SigV4Gate(s3mock.endpoint(), ACCESS_KEY, SECRET_KEY);
        // the SDK's default credentials chain reads these first
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        registry.add(
                "vivreal.data-dir",
                () -> Path.of("target", "test-data", "s3-" + UUID.randomUUID())
                        .toAbsolutePath()
                        .toString());
        registry.add("vivreal.login.attempts-per-address", () -> "1000000");
        registry.add("vivreal.login.attempts-per-account", () -> "1000000");
        registry.add("vivreal.media.storage", () -> "s3://" + BUCKET + "/sites");
        registry.add("vivreal.media.s3-region", () -> "eu-west-1");
        registry.add("vivreal.media.s3-endpoint", gate::endpoint);
        registry.add("vivreal.media.s3-path-style", () -> "true");
        registry.add("vivreal.media.url-ttl", () -> "10m");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        gate.close();
        s3mock.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @LocalServerPort
    int port;

    private Http http;
    private Fixtures.User owner;
    private String group;
    private String bucketName;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void group() {
        http = new Http("http://localhost:" + port);
        Fixtures fixtures = new Fixtures(http, Path.of("target", "test-data", "s3-mail"));
        owner = fixtures.user();
        group = fixtures.group(owner);
        bucketName = http.get("/api/groups/" + group, owner.auth())
                .json()
                .get("bucketName")
                .asString();
    }

    private static S3Client direct() {
        return S3Client.builder()
                .endpointOverride(URI.create(s3mock.endpoint()))
                .region(Region.EU_WEST_1)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    private List<String> objectsOfTheGroup() {
        try (S3Client s3 = direct()) {
            return s3
                    .listObjectsV2(request -> request.bucket(BUCKET).prefix("sites/" + bucketName + "/"))
                    .contents()
                    .stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    private String upload(String filename, String type, byte[] content) {
        Http.Response response = http.send(
                "POST",
                "/api/groups/" + group + "/media",
                MediaFiles.multipart(filename, type, content),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("key").asString();
    }

    private String listedUrl(String key) {
        for (JsonNode file :
                http.get("/api/groups/" + group + "/media", owner.auth()).json()) {
            if (file.get("key").asString().equals(key)) {
                return file.get("url").asString();
            }
        }
        throw new AssertionError("no file " + key);
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void uploadsLiveInTheBucketUnderTheGroupsPrefixAndPresignedUrlsServeThem() throws Exception {
        byte[] photo = MediaFiles.picture(1400, 700, false, "jpeg");
        String key = upload("hero.jpg", "image/jpeg", photo);

        assertThat(objectsOfTheGroup())
                .containsExactlyInAnyOrder(
                        "sites/" + bucketName + "/" + key,
                        "sites/" + bucketName + "/" + key.replace(".jpg", "-320w.jpg"),
                        "sites/" + bucketName + "/" + key.replace(".jpg", "-640w.jpg"),
                        "sites/" + bucketName + "/" + key.replace(".jpg", "-1280w.jpg"));

        String url = listedUrl(key);
        URI uri = URI.create(url);
        assertThat(uri.getScheme() + "://" + uri.getAuthority()).isEqualTo(gate.endpoint());
        assertThat(uri.getRawPath()).isEqualTo("/" + BUCKET + "/sites/" + bucketName + "/" + key);
        assertThat(uri.getRawQuery())
                .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256")
                .contains("X-Amz-Expires=600")
                .contains("X-Amz-Credential=" + ACCESS_KEY + "%2F")
                .contains("%2Feu-west-1%2Fs3%2Faws4_request")
                .contains("X-Amz-Signature=");

        HttpResponse<byte[]> download = get(url);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(photo);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(gate.presignedHosts).isNotEmpty();
    }

    @Test
    void srcsetCandidatesArePresignedS3UrlsToo() throws Exception {
        String key = upload("hero.jpg", "image/jpeg", MediaFiles.picture(900, 300, false, "jpeg"));
        String apiKey = new Fixtures(http, Path.of("target", "test-data", "s3-mail")).apiKey(owner, group);
        Map<String, Object> site = new java.util.LinkedHashMap<>();
        site.put("name", "Gallery");
        site.put("domainName", "www.s3-gallery.example");
        site.put(
                "siteDetails",
                Map.of(
                        "schema",
                        List.of(Map.of("name", "logo", "type", "image")),
                        "values",
                        Map.of("logo", Map.of("key", key))));
        Http.Response created = http.post("/api/groups/" + group + "/sites", site, owner.auth());
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
                .get("logo")
                .get("currentFile");

        String[] candidates = currentFile.get("srcset").asString().split(", ");
        assertThat(candidates).hasSize(3);
        assertThat(candidates[2]).isEqualTo(currentFile.get("source").asString() + " 900w");
        for (String candidate : candidates) {
            String url = candidate.substring(0, candidate.indexOf(' '));
            assertThat(url).startsWith(gate.endpoint() + "/" + BUCKET + "/sites/" + bucketName + "/");
            assertThat(get(url).statusCode()).as(candidate).isEqualTo(200);
        }
    }

    @Test
    void aTamperedPresignedUrlIs403FromS3() throws Exception {
        String mine = upload("a.png", "image/png", MediaFiles.image("png"));
        String other = upload("b.png", "image/png", MediaFiles.image("png"));
        String url = listedUrl(mine);

        // another object under the same signature
        assertThat(get(url.replace(mine, other)).statusCode()).isEqualTo(403);
        // a changed signature
        int sig = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String flipped = url.substring(0, sig) + (url.charAt(sig) == '0' ? '1' : '0') + url.substring(sig + 1);
        HttpResponse<byte[]> refused = get(flipped);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body())).contains("SignatureDoesNotMatch");
        // a longer lifetime than was signed
        assertThat(get(url.replace("X-Amz-Expires=600", "X-Amz-Expires=604800")).statusCode())
                .isEqualTo(403);
        // the untouched URL still works
        assertThat(get(url).statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredPresignedUrlIs403FromS3() throws Exception {
        String key = upload("a.png", "image/png", MediaFiles.image("png"));
        String url = listedUrl(key);
        assertThat(get(url).statusCode()).isEqualTo(200);

        gate.advance(Duration.ofMinutes(11));
        try {
            HttpResponse<byte[]> expired = get(url);
            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(new String(expired.body())).contains("Request has expired");
        } finally {
            gate.advance(Duration.ofMinutes(-11));
        }
    }

    @Test
    void deletingRemovesTheObjectAndItsDerivativesFromTheBucket() throws Exception {
        String key = upload("hero.jpg", "image/jpeg", MediaFiles.picture(700, 400, false, "jpeg"));
        String url = listedUrl(key);
        assertThat(objectsOfTheGroup()).hasSize(3);

        assertThat(http.delete("/api/groups/" + group + "/media/" + key, owner.auth())
                        .status())
                .isEqualTo(204);

        assertThat(objectsOfTheGroup()).isEmpty();
        assertThat(get(url).statusCode()).isEqualTo(404);
    }

    @Test
    void aRefusedUploadLeavesNothingInTheBucket() {
        Http.Response response = http.send(
                "POST",
                "/api/groups/" + group + "/media",
                MediaFiles.multipart("bomb.png", "image/png", MediaFiles.pngClaiming(30_000, 30_000)),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());

        assertThat(response.status()).isEqualTo(400);
        assertThat(objectsOfTheGroup()).isEmpty();
    }
}
