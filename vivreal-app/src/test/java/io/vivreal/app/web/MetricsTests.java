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
