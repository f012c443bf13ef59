package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.metering.ApiMeter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The Client API's calls and bytes per group per day, counted exactly and kept apart per group. */
class UsageMeteringTests extends ServerTest {

    @Autowired
    ApiMeter meter;

    @Test
    void callsAndBytesAreCountedPerGroupExactlyAndSurviveAFlush() {
        Fixtures.User ann = fixtures.user();
        String a = fixtures.group(ann);
        String keyA = fixtures.apiKey(ann, a);
        Fixtures.User bob = fixtures.user();
        String b = fixtures.group(bob);
        String keyB = fixtures.apiKey(bob, b);
        ContentFixtures content = new ContentFixtures(http);
        String typeA = content.contentType(ann, a, "Shows");
        String typeB = content.contentType(bob, b, "Posts");

        long bytesA = 0;
        for (int i = 0; i < 7; i++) {
            Http.Response read = http.get("/tenant/collectionObjects?collectionId=" + typeA, "Authorization", keyA);
            assertThat(read.status()).isEqualTo(200);
            bytesA += read.body().getBytes(StandardCharsets.UTF_8).length;
        }
        // a refused call is not the group's: an unknown key counts for nobody
        assertThat(http.get("/tenant/collectionObjects?collectionId=" + typeA, "Authorization", "vr_" + "A".repeat(49))
                        .status())
                .isEqualTo(403);
        long bytesB = 0;
        for (int i = 0; i < 3; i++) {
            Http.Response read = http.get("/tenant/collectionObjects?collectionId=" + typeB, "Authorization", keyB);
            bytesB += read.body().getBytes(StandardCharsets.UTF_8).length;
        }
        // a 304 is a call with no body
        Http.Response fourth = http.get("/tenant/collectionObjects?collectionId=" + typeB, "Authorization", keyB);
        bytesB += fourth.body().getBytes(StandardCharsets.UTF_8).length;
        String etag = fourth.header("ETag");
        assertThat(etag).isNotNull();
        Http.Response notModified = http.get(
                "/tenant/collectionObjects?collectionId=" + typeB, "Authorization", keyB, "If-None-Match", etag);
        assertThat(notModified.status()).isEqualTo(304);

        assertToday(ann, a, 7, bytesA);
        assertToday(bob, b, 5, bytesB);

        meter.flush();
        assertToday(ann, a, 7, bytesA);
        assertToday(bob, b, 5, bytesB);
        http.get("/tenant/collectionObjects?collectionId=" + typeA, "Authorization", keyA);
        meter.flush();
        meter.flush();
        JsonNode api = usage(ann, a, "30").get("api");
        assertThat(api.get("calls").asLong()).isEqualTo(8);
    }

    @Test
    void theDaysAreOldestFirstAndTheRangeIsChecked() {
        Fixtures.User ann = fixtures.user();
        String a = fixtures.group(ann);
        JsonNode days = usage(ann, a, "7").get("api").get("days");
        assertThat(days).hasSize(7);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(days.get(6).get("date").asString()).isEqualTo(today.toString());
        assertThat(days.get(0).get("date").asString())
                .isEqualTo(today.minusDays(6).toString());
        assertThat(usage(ann, a, null).get("api").get("days")).hasSize(30);
        for (String bad : new String[] {"0", "91", "-1", "abc", "1e3", "30;drop"}) {
            Http.Response refused = http.get("/api/groups/" + a + "/usage?days=" + bad, ann.auth());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("days");
        }
        // another group's usage is not found, whatever the parameter
        Fixtures.User eve = fixtures.user();
        assertThat(http.get("/api/groups/" + a + "/usage?days=7", eve.auth()).status())
                .isEqualTo(404);
    }

    private void assertToday(Fixtures.User owner, String group, long calls, long bytes) {
        JsonNode api = usage(owner, group, "1").get("api");
        assertThat(api.get("days")).hasSize(1);
        JsonNode today = api.get("days").get(0);
        assertThat(today.get("calls").asLong()).isEqualTo(calls);
        assertThat(today.get("bytes").asLong()).isEqualTo(bytes);
        assertThat(api.get("calls").asLong()).isEqualTo(calls);
    }

    private JsonNode usage(Fixtures.User owner, String group, String days) {
        Http.Response usage =
                http.get("/api/groups/" + group + "/usage" + (days == null ? "" : "?days=" + days), owner.auth());
        assertThat(usage.status()).as(usage.body()).isEqualTo(200);
        return usage.json();
    }
}
