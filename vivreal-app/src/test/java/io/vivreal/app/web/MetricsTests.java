package io.vivreal.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** {@code /actuator/prometheus}: behind its token, with the product's metrics and no tenant in any label. */
class MetricsTests extends ServerTest {

    private static final String BEARER = "Bearer " + METRICS_TOKEN;

    @Test
    void theScrapeNeedsTheTokenAndShowsTheProductsMetricsWithoutIdsOrKeys() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        String type = new ContentFixtures(http).contentType(owner, group, "Shows");
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/tenant/collectionObjects?collectionId=" + type, "Authorization", key)
                            .status())
                    .isEqualTo(200);
        }
        http.get("/tenant/collectionObjects?collectionId=" + type, "Authorization", "vr_" + "B".repeat(49));
        http.post("/auth/login", Map.of("email", owner.email(), "password", "not the password"));

        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", "Authorization", "Bearer wrong")
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", "Authorization", BEARER + "x")
                        .status())
                .isEqualTo(401);
        Http.Response scrape = http.get("/actuator/prometheus", "Authorization", BEARER);
        assertThat(scrape.status()).isEqualTo(200);
        String text = scrape.body();

        assertThat(value(text, "vivreal_authorizer_decisions_total\\{outcome=\"valid\"\\}"))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(text, "vivreal_authorizer_decisions_total\\{outcome=\"malformed\"\\}")
                        + value(text, "vivreal_authorizer_decisions_total\\{outcome=\"not_found\"\\}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(text).contains("vivreal_authorizer_cache_requests_total{result=\"hit\"}");
        assertThat(text).contains("vivreal_read_model_requests_total{result=\"miss\"}");
        assertThat(value(text, "vivreal_signin_attempts_total\\{outcome=\"refused\"\\}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(text, "vivreal_signin_attempts_total\\{outcome=\"succeeded\"\\}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(text).contains("vivreal_signin_hashing_queued ");
        assertThat(text).contains("vivreal_delivery_backlog_channels ");
        assertThat(text).contains("vivreal_delivery_attempts_total{channel_type=\"webhook\",outcome=\"succeeded\"}");
        assertThat(text).contains("vivreal_delivery_backlog_oldest_seconds ");
        assertThat(text).contains("mongodb_driver_commands_seconds_count{command=\"find\",status=\"SUCCESS\"}");
        assertThat(text)
                .contains(
                        "http_server_requests_seconds_bucket{error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/tenant/collectionObjects\"");

        // no tenant, key, user or address in any label
        assertThat(text).doesNotContain(group, type, key, owner.email(), owner.id());
        assertThat(Pattern.compile("[0-9a-f]{24}").matcher(labels(text)).find())
                .as("an object id in a label")
                .isFalse();
    }

    /**
     * The lean path's answers and the authorizer's refusals run ahead of Spring's HTTP observation;
     * they must still count in {@code http_server_requests_seconds} with the tags the observation
     * gives, and a request that goes on to Spring MVC must still be observed.
     */
    @Test
    void leanAnswersAndRefusalsAreInTheHttpTimerWithTheObservationsTags() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        String type = new ContentFixtures(http).contentType(owner, group, "Shows");
        String path = "/tenant/collectionObjects?collectionId=" + type;
        String ok = "http_server_requests_seconds_count\\{error=\"none\",exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/tenant/collectionObjects\"\\}";
        String notModified = "http_server_requests_seconds_count\\{error=\"none\",exception=\"none\",method=\"GET\","
                + "outcome=\"REDIRECTION\",status=\"304\",uri=\"/tenant/collectionObjects\"\\}";
        String noKey = "http_server_requests_seconds_count\\{error=\"none\",exception=\"none\",method=\"GET\","
                + "outcome=\"CLIENT_ERROR\",status=\"401\",uri=\"UNKNOWN\"\\}";
        String badKey = "http_server_requests_seconds_count\\{error=\"none\",exception=\"none\",method=\"POST\","
                + "outcome=\"CLIENT_ERROR\",status=\"403\",uri=\"UNKNOWN\"\\}";
        String invalid = "http_server_requests_seconds_count\\{error=\"none\",exception=\"none\",method=\"GET\","
                + "outcome=\"CLIENT_ERROR\",status=\"400\",uri=\"/tenant/collectionObjects\"\\}";
        // the first read renders through Spring MVC and fills the read model
        Http.Response first = http.get(path, "Authorization", key);
        assertThat(first.status()).isEqualTo(200);
        String before = scrape();

        for (int i = 0; i < 5; i++) {
            assertThat(http.get(path, "Authorization", key).status()).isEqualTo(200);
        }
        assertThat(http.get(path, "Authorization", key, "If-None-Match", first.header("ETag"))
                        .status())
                .isEqualTo(304);
        assertThat(http.get(path).status()).isEqualTo(401);
        assertThat(http.post("/tenant/sendContactEmail", Map.of(), "Authorization", "vr_" + "C".repeat(49))
                        .status())
                .isEqualTo(403);
        // an invalid query goes on to Spring MVC, whose observation still names the route
        assertThat(http.get(path + "&limit=nope", "Authorization", key).status())
                .isEqualTo(400);
        String after = scrape();

        assertThat(value(after, ok) - value(before, ok)).isGreaterThanOrEqualTo(5);
        assertThat(value(after, notModified) - value(before, notModified)).isGreaterThanOrEqualTo(1);
        assertThat(value(after, noKey) - value(before, noKey)).isGreaterThanOrEqualTo(1);
        assertThat(value(after, badKey) - value(before, badKey)).isGreaterThanOrEqualTo(1);
        assertThat(value(after, invalid) - value(before, invalid)).isGreaterThanOrEqualTo(1);
        assertThat(after)
                .contains("http_server_requests_seconds_bucket{error=\"none\",exception=\"none\",method=\"GET\","
                        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/tenant/collectionObjects\",le=");
        // other routes are observed as before
        assertThat(after).contains("uri=\"/actuator/health\"");
        assertThat(Pattern.compile("[0-9a-f]{24}").matcher(labels(after)).find())
                .as("an object id in a label")
                .isFalse();
    }

    private String scrape() {
        http.get("/actuator/health");
        Http.Response scrape = http.get("/actuator/prometheus", "Authorization", BEARER);
        assertThat(scrape.status()).isEqualTo(200);
        return scrape.body();
    }

    @Test
    void withoutATokenTheEndpointDoesNotExistAndAShortTokenIsRefused() throws Exception {
        MetricsTokenFilter off = new MetricsTokenFilter("");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
        request.addHeader("Authorization", "Bearer ");
        MockFilterChain chain = new MockFilterChain();
        off.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(chain.getRequest()).as("the chain did not run").isNull();

        assertThatThrownBy(() -> new MetricsTokenFilter("short")).hasMessageContaining("at least 32");
    }

    /** Only the label parts of the exposition, so numbers in values cannot match. */
    private static String labels(String text) {
        StringBuilder labels = new StringBuilder();
        Matcher matcher = Pattern.compile("\\{([^}]*)\\}").matcher(text);
        while (matcher.find()) {
            labels.append(matcher.group(1)).append('\n');
        }
        return labels.toString();
    }

    private static double value(String text, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
