package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.Decoder;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.ServerTest;
import io.vivreal.clientapi.content.LeanPathFilter;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * The lean serving path of cached Client API GETs ({@link LeanPathFilter}) answers exactly as the
 * controllers do — status, headers and bytes — for every query and header variant, serves what it
 * can and leaves the rest to Spring MVC; and answers are compressed per {@code Accept-Encoding}.
 */
class LeanPathTests extends ServerTest {

    /** Headers that differ between any two answers, whichever path wrote them. */
    private static final Set<String> PER_ANSWER = Set.of("date", "x-request-id", "keep-alive", "connection");

    @Autowired
    FilterRegistrationBean<LeanPathFilter> leanPathRegistration;

    @Autowired
    TenantStore tenantStore;

    @Autowired
    io.vivreal.clientapi.web.ReadModel readModel;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private LeanPathFilter lean;
    private Fixtures.User owner;
    private String group;
    private String key;
    private String shows;

    record Raw(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    @BeforeEach
    void content() {
        lean = leanPathRegistration.getFilter();
        ContentFixtures content = new ContentFixtures(http);
        owner = fixtures.user();
        group = fixtures.group(owner);
        key = fixtures.apiKey(owner, group);
        shows = content.contentType(owner, group, "Shows");
        for (int i = 1; i <= 8; i++) {
            content.item(
                    owner, group, shows, "Show number " + i, Instant.parse("2026-01-0" + i + "T00:00:00Z"), false, i);
        }
        Date past = Date.from(Instant.now().minusSeconds(60));
        for (int i = 0; i < 6; i++) {
            tenantStore
                    .collection(new TenantScope(group, "general_shared"), "integrationObjects")
                    .insertOne(new Document("platform", "stripe")
                            .append(
                                    "objectValue",
                                    new Document("title", "Product " + i).append("text", "x".repeat(200)))
                            .append("publishDate", past)
                            .append("archived", false)
                            .append("createdAt", past)
                            .append("updatedAt", past));
        }
    }

    @AfterEach
    void leanPathBackOn() {
        lean.enabled(true);
    }

    @Test
    void theLeanPathAnswersByteForByteAsTheControllers() {
        String list = "/tenant/collectionObjects?collectionId=" + shows;
        String etag = send(list, "Authorization", key).header("ETag");
        String gzipEtag = etag.substring(0, etag.length() - 1) + "-gz\"";
        List<String> valid = List.of(
                list,
                list + "&limit=2",
                list + "&sort=publishDate:asc&limit=3&skip=1",
                list + "&sort=rating:desc",
                list + "&filters[rating]=5",
                list + "&filters[featured]=true&search=number",
                list + "&search=" + encode("(.*)"),
                list + "&filters[title]=" + encode("{\"$gt\":\"\"}"),
                list + "&skip=100",
                "/tenant/collectionObjects?limit=4&collectionId=" + shows,
                "/tenant/collectionObjects?collectionId=" + "0".repeat(24),
                "/tenant/integrationObjects?type=stripe",
                "/tenant/integrationObjects?type=stripe&limit=1",
                "/tenant/integrationObjects?type=tiktok");
        List<String> invalid = List.of(
                "/tenant/collectionObjects",
                "/tenant/collectionObjects?collectionId=zzz",
                list + "&limit=0",
                list + "&limit=abc",
                list + "&limit=1&limit=2",
                list + "&sort=$natural:1",
                list + "&filters[$where]=1",
                list + "&filters[a.b]=1",
                list + "&search=" + "x".repeat(2000),
                "/tenant/integrationObjects",
                "/tenant/integrationObjects?type=%24where",
                "/tenant/collectionObjects/?collectionId=" + shows,
                "/tenant/collectionObjects;x=1?collectionId=" + shows,
                "/tenant/collectionobjects?collectionId=" + shows,
                "/tenant/nothingHere");
        List<String[]> headerVariants = List.of(
                new String[] {},
                new String[] {"Accept-Encoding", "gzip"},
                new String[] {"Accept-Encoding", "gzip, deflate, br"},
                new String[] {"Accept-Encoding", "br;q=0, gzip;q=0.5"},
                new String[] {"Accept-Encoding", "gzip;q=0"},
                new String[] {"Accept-Encoding", "*;q=0"},
                new String[] {"If-None-Match", etag},
                new String[] {"If-None-Match", "W/" + etag},
                new String[] {"If-None-Match", "\"other\", " + etag},
                new String[] {"If-None-Match", "*"},
                new String[] {"If-None-Match", gzipEtag, "Accept-Encoding", "gzip"},
                new String[] {"If-None-Match", gzipEtag},
                new String[] {"Accept", "*/*"},
                new String[] {"Accept", "application/json"},
                new String[] {"Origin", "https://evil.example"});
        List<String[]> fallThroughHeaders = List.of(
                new String[] {"Accept", "text/html"}, new String[] {"Accept", "application/json;q=0.5, text/html"});

        int compared = 0;
        for (String path : valid) {
            for (String[] headers : headerVariants) {
                assertSameAnswer(path, headers, true);
                compared++;
            }
            for (String[] headers : fallThroughHeaders) {
                assertSameAnswer(path, headers, false);
            }
        }
        for (String path : invalid) {
            assertSameAnswer(path, new String[] {}, false);
            assertSameAnswer(path, new String[] {"Accept-Encoding", "gzip, br"}, false);
        }
        assertThat(compared).isEqualTo(valid.size() * headerVariants.size());
    }

    /**
     * One request through the controllers (which also fills the read model), then the same request
     * with the lean path on; both answers must be equal, and the lean path must have written the
     * second exactly when it is expected to. A write evicts the group's answers (the go-live
     * worker's too), and an entry can expire between the two on a very busy machine, so a pair is
     * tried again a few times before that counts as a failure.
     */
    private void assertSameAnswer(String path, String[] headers, boolean leanExpected) {
        for (int attempt = 1; ; attempt++) {
            lean.enabled(false);
            Raw controllers = send(path, with(headers));
            lean.enabled(true);
            long before = lean.served();
            var statsBefore = readModel.stats();
            Raw leanAnswer = send(path, with(headers));
            boolean served = lean.served() == before + 1;
            var stats = readModel.stats().minus(statsBefore);
            if (leanExpected && !served && attempt < 20) {
                pause();
                continue;
            }
            String what = path + " " + String.join(" ", headers);
            assertThat(served)
                    .as(
                            "lean path served %s (attempts %d, read model %s, statuses %d/%d)",
                            what, attempt, stats, controllers.status(), leanAnswer.status())
                    .isEqualTo(leanExpected);
            assertThat(leanAnswer.status()).as(what).isEqualTo(controllers.status());
            assertThat(comparable(leanAnswer.headers())).as(what).isEqualTo(comparable(controllers.headers()));
            assertThat(leanAnswer.body()).as(what).isEqualTo(controllers.body());
            assertThat(leanAnswer.header("Access-Control-Allow-Origin")).isNull();
            assertThat(leanAnswer.status()).as(what).isLessThan(500);
            return;
        }
    }

    @Test
    void answersAreCompressedPerAcceptEncodingWithAnEtagPerCoding() throws IOException {
        String path = "/tenant/collectionObjects?collectionId=" + shows;
        for (boolean leanPath : new boolean[] {true, false}) {
            lean.enabled(leanPath);
            Raw plain = send(path, "Authorization", key);
            Raw gzip = send(path, "Authorization", key, "Accept-Encoding", "gzip");
            Raw br = send(path, "Authorization", key, "Accept-Encoding", "gzip, deflate, br");
            Raw refused = send(path, "Authorization", key, "Accept-Encoding", "gzip;q=0, br;q=0");

            assertThat(plain.body().length).isGreaterThan(1024);
            assertThat(plain.header("Content-Encoding")).isNull();
            assertThat(plain.header("Vary")).isEqualTo("Authorization, Accept-Encoding");
            assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(gzip.header("Vary")).isEqualTo("Authorization, Accept-Encoding");
            assertThat(gzip.header("Content-Length")).isEqualTo(Integer.toString(gzip.body().length));
            assertThat(gzip.body().length).isLessThan(plain.body().length / 2);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
                assertThat(in.readAllBytes()).isEqualTo(plain.body());
            }
            assertThat(br.header("Content-Encoding")).isEqualTo("br");
            assertThat(br.body().length).isLessThan(gzip.body().length);
            assertThat(Decoder.decompress(br.body()).getDecompressedData()).isEqualTo(plain.body());
            assertThat(refused.header("Content-Encoding")).isNull();
            assertThat(refused.body()).isEqualTo(plain.body());

            String etag = plain.header("ETag");
            assertThat(gzip.header("ETag")).isEqualTo(etag.substring(0, etag.length() - 1) + "-gz\"");
            assertThat(br.header("ETag")).isEqualTo(etag.substring(0, etag.length() - 1) + "-br\"");
            for (Raw coded : List.of(plain, gzip, br)) {
                String coding = coded.header("Content-Encoding");
                Raw again = coding == null
                        ? send(path, "Authorization", key, "If-None-Match", coded.header("ETag"))
                        : send(
                                path,
                                "Authorization",
                                key,
                                "If-None-Match",
                                coded.header("ETag"),
                                "Accept-Encoding",
                                coding);
                assertThat(again.status()).isEqualTo(304);
                assertThat(again.body()).isEmpty();
                assertThat(again.header("ETag")).isEqualTo(coded.header("ETag"));
                assertThat(again.header("Vary")).isEqualTo("Authorization, Accept-Encoding");
            }
            assertThat(send(path, "Authorization", key, "If-None-Match", etag, "Accept-Encoding", "gzip")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void smallAndErrorAnswersAreSentPlain() {
        Raw empty = send(
                "/tenant/collectionObjects?collectionId=" + "0".repeat(24),
                "Authorization",
                key,
                "Accept-Encoding",
                "gzip, br");
        Raw invalid = send(
                "/tenant/collectionObjects?collectionId=" + shows + "&limit=abc",
                "Authorization",
                key,
                "Accept-Encoding",
                "gzip, br");
        Raw noKey = send("/tenant/collectionObjects?collectionId=" + shows, "Accept-Encoding", "gzip, br");

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.header("Content-Encoding")).isNull();
        assertThat(empty.header("Vary")).isEqualTo("Authorization");
        assertThat(new String(empty.body(), StandardCharsets.UTF_8)).startsWith("{\"success\":true");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("Content-Encoding")).isNull();
        assertThat(new String(invalid.body(), StandardCharsets.UTF_8)).contains("limit");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.header("Content-Encoding")).isNull();
    }

    @Test
    void theLeanPathServesOnlyTheVerifiedTenantsAnswers() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String otherKey = fixtures.apiKey(other, otherGroup);
        String path = "/tenant/collectionObjects?collectionId=" + shows;
        send(path, "Authorization", key);

        long before = lean.served();
        Raw mine = send(path, "Authorization", key);
        Raw theirs = send(path, "Authorization", otherKey);
        Raw theirsAgain = send(path, "Authorization", otherKey);

        assertThat(lean.served()).isGreaterThan(before);
        assertThat(new String(mine.body(), StandardCharsets.UTF_8)).contains("Show number 1");
        assertThat(new String(theirs.body(), StandardCharsets.UTF_8))
                .doesNotContain("Show number")
                .contains("\"totalCount\":0");
        assertThat(theirsAgain.body()).isEqualTo(theirs.body());
        assertThat(send(path, "Authorization", "vr_" + "x".repeat(40)).status()).isEqualTo(403);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String[] with(String[] headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    private static Map<String, String> comparable(Map<String, String> headers) {
        Map<String, String> kept = new TreeMap<>(headers);
        kept.keySet().removeAll(PER_ANSWER);
        return kept;
    }

    private Raw send(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> responseHeaders = new TreeMap<>();
            response.headers()
                    .map()
                    .forEach((name, values) ->
                            responseHeaders.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
            return new Raw(response.statusCode(), responseHeaders, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
