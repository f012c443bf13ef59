package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.admin.AdminCliAccess;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import io.vivreal.authorizer.AuthorizerAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authorizer's answers over HTTP, and tenant isolation on the Client API. */
class ClientApiAuthorizationTests extends ServerTest {

    private static final String UNAUTHORIZED = "{\"success\":false,\"data\":null,\"error\":\"Unauthorized\"}";
    private static final String FORBIDDEN = "{\"success\":false,\"data\":null,\"error\":\"Forbidden\"}";
    private static final String FROZEN = "{\"success\":false,\"data\":null,\"error\":\"GroupFrozen\"}";

    private String route(String collectionId) {
        return "/tenant/collectionObjects?collectionId=" + collectionId;
    }

    @Test
    void noHeaderIsUnauthorized() {
        Http.Response response = http.get(route("0123456789abcdef01234567"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void alteredMalformedAndUnknownKeysGetTheSameForbidden() {
        Fixtures.User owner = fixtures.user();
        String key = fixtures.apiKey(owner, fixtures.group(owner));
        String altered = key.substring(0, 20) + (key.charAt(20) == 'A' ? 'B' : 'A') + key.substring(21);
        String unknown = "vr_" + "0".repeat(49);

        for (String bad :
                new String[] {altered, unknown, key + "x", "vr_", "Bearer " + altered, "x".repeat(5000), "\u00e9\u00e9"
                }) {
            Http.Response response = http.get(route("0123456789abcdef01234567"), "Authorization", bad);
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.body()).isEqualTo(FORBIDDEN);
        }
        assertThat(http.get(route("0123456789abcdef01234567"), "Authorization", "Bearer " + key)
                        .status())
                .isEqualTo(200);
    }

    /**
     * Parity with the Lambda behind API Gateway: the header of the Lambda's recorded malformed-key
     * event ({@code vivreal-lambda/src/test/resources/events/token-malformed-key.json}, a checksum
     * off by one character) gets the 403 the Lambda's Deny gets there
     * ({@code TokenAuthorizerHandlerTests.denyForAMalformedKeyWithoutAnyIo}), from the one table.
     */
    @Test
    void aMalformedKeyGetsTheSameForbiddenAsThroughApiGateway() {
        String lambdaMalformedEvent = "Bearer vr_UaoEiBJR6ZMuYx1UNXewRi9MkO5UNMnOWUkL0kWXaCh0t7KpK";

        Http.Response response = http.get(route("0123456789abcdef01234567"), "Authorization", lambdaMalformedEvent);

        assertThat(AuthorizerAnswer.FORBIDDEN.gateway()).isEqualTo(AuthorizerAnswer.Gateway.DENY);
        assertThat(response.status())
                .isEqualTo(AuthorizerAnswer.FORBIDDEN.status())
                .isEqualTo(403);
        assertThat(response.body()).isEqualTo(FORBIDDEN);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anotherGroupsCollectionIdAnswersAnEmptyPage() {
        ContentFixtures content = new ContentFixtures(http);
        Fixtures.User ann = fixtures.user();
        Fixtures.User bob = fixtures.user();
        String annGroup = fixtures.group(ann);
        String bobGroup = fixtures.group(bob);
        String annShows = content.contentType(ann, annGroup, "Shows");
        content.item(ann, annGroup, annShows, "Ann's secret show", Instant.now().minusSeconds(60), false, 5);
        String bobKey = fixtures.apiKey(bob, bobGroup);

        Http.Response response = http.get(route(annShows) + "&groupID=" + annGroup, "Authorization", bobKey);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("data").get("totalCount").asInt()).isZero();
        assertThat(response.body()).doesNotContain("secret show", annGroup);
        assertThat(http.get(route(annShows), "Authorization", fixtures.apiKey(ann, annGroup))
                        .body())
                .contains("secret show");
    }

    @Test
    void aFrozenGroupAnswers402UntilUnfrozenByTheOperatorCommand() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        assertThat(http.get(route("0123456789abcdef01234567"), "Authorization", key)
                        .status())
                .isEqualTo(200);

        assertThat(AdminCliAccess.run(DATA_DIR, "freeze", group)).isZero();

        Instant frozenAt = Instant.now();
        Http.Response frozen = awaitStatus(key, 402, Duration.ofSeconds(1));
        assertThat(Duration.between(frozenAt, Instant.now())).isLessThanOrEqualTo(Duration.ofMillis(1100));
        assertThat(frozen.body()).isEqualTo(FROZEN);
        assertThat(http.get("/api/groups/" + group, owner.auth())
                        .json()
                        .get("frozen")
                        .asBoolean())
                .isTrue();

        assertThat(AdminCliAccess.run(DATA_DIR, "unfreeze", group)).isZero();
        awaitStatus(key, 200, Duration.ofSeconds(1));
    }

    @Test
    void operatorSetsTheTierWithoutMovingTheDatabase() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);

        assertThat(AdminCliAccess.run(DATA_DIR, "set-tier", group, "enterprise"))
                .isZero();

        Http.Response detail = http.get("/api/groups/" + group, owner.auth());
        assertThat(detail.json().get("tier").asString()).isEqualTo("enterprise");
        assertThat(detail.json().get("dbKey").asString()).isEqualTo("general_shared");
        assertThat(http.get("/api/groups/" + group + "/audit", owner.auth()).body())
                .contains("group.tier_changed", "operator");
        assertThat(AdminCliAccess.run(DATA_DIR, "set-tier", group, "platinum")).isNotZero();
        assertThat(AdminCliAccess.run(DATA_DIR, "freeze", "0123456789abcdef01234567"))
                .isNotZero();
    }

    @Test
    void aGroupIdInTheQueryDoesNotChooseTheTenant() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        Map<String, String> attempts = Map.of("groupID", "0123456789abcdef01234567", "database", "pro_plus");

        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            Http.Response response = http.get(
                    route("0123456789abcdef01234567") + "&" + attempt.getKey() + "=" + attempt.getValue(),
                    "Authorization",
                    key);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("data").get("totalCount").asInt()).isZero();
        }
    }

    private Http.Response awaitStatus(String key, int status, Duration within) {
        Instant deadline = Instant.now().plus(within).plusMillis(100);
        Http.Response response;
        do {
            response = http.get(route("0123456789abcdef01234567"), "Authorization", key);
            if (response.status() == status) {
                return response;
            }
            sleep(25);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(
                "expected " + status + " within " + within + " but the last answer was " + response.status());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
