package io.vivreal.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one table from a key check to an answer, for the server and for API Gateway. */
class AuthorizerAnswerTests {

    private static final Tenant ACME =
            new Tenant("0123456789abcdef01234567", "Acme", "general_shared", "acme", "pro", false);
    private static final Tenant FROZEN =
            new Tenant("0123456789abcdef01234568", "Ice", "general_shared", "ice", "free", true);

    @Test
    void noKeyIsUnauthorizedOnBothHosts() {
        AuthorizerAnswer answer = AuthorizerAnswer.of(KeyVerification.MISSING);

        assertThat(answer).isEqualTo(AuthorizerAnswer.UNAUTHORIZED);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.gateway()).isEqualTo(AuthorizerAnswer.Gateway.UNAUTHORIZED);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"success\":false,\"data\":null,\"error\":\"Unauthorized\"}");
    }

    @Test
    void malformedAndUnknownKeysGetTheSameForbiddenOnBothHosts() {
        AuthorizerAnswer malformed = AuthorizerAnswer.of(KeyVerification.MALFORMED);
        AuthorizerAnswer unknown = AuthorizerAnswer.of(KeyVerification.notFound("hash"));

        assertThat(malformed).isEqualTo(unknown).isEqualTo(AuthorizerAnswer.FORBIDDEN);
        assertThat(malformed.status()).isEqualTo(403);
        assertThat(malformed.gateway()).isEqualTo(AuthorizerAnswer.Gateway.DENY);
        assertThat(new String(malformed.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"success\":false,\"data\":null,\"error\":\"Forbidden\"}");
    }

    @Test
    void anUnreachableStoreIsServiceUnavailableNeverAllow() {
        AuthorizerAnswer answer = AuthorizerAnswer.of(KeyVerification.STORE_UNAVAILABLE);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.error()).isEqualTo("ServiceUnavailable");
        assertThat(answer.gateway()).isEqualTo(AuthorizerAnswer.Gateway.FAIL);
        assertThat(answer.admits()).isFalse();
    }

    @Test
    void aFrozenGroupIs402OnTheServerAndForwardedByApiGateway() {
        AuthorizerAnswer answer = AuthorizerAnswer.of(KeyVerification.valid(FROZEN, "hash"));

        assertThat(answer).isEqualTo(AuthorizerAnswer.GROUP_FROZEN);
        assertThat(answer.status()).isEqualTo(402);
        assertThat(answer.error()).isEqualTo("GroupFrozen");
        assertThat(answer.admits()).as("the server answers 402 itself").isFalse();
        assertThat(answer.gateway())
                .as("the server behind API Gateway answers 402")
                .isEqualTo(AuthorizerAnswer.Gateway.ALLOW);
    }

    @Test
    void onlyAValidKeyOfAGroupNotFrozenIsAdmitted() {
        AuthorizerAnswer answer = AuthorizerAnswer.of(KeyVerification.valid(ACME, "hash"));

        assertThat(answer).isEqualTo(AuthorizerAnswer.ALLOW);
        assertThat(answer.admits()).isTrue();
        assertThat(answer.body()).isNull();
        for (KeyVerification.Status status : KeyVerification.Status.values()) {
            if (status != KeyVerification.Status.VALID) {
                assertThat(AuthorizerAnswer.of(new KeyVerification(status, null, null))
                                .admits())
                        .as("%s", status)
                        .isFalse();
            }
        }
    }

    @Test
    void theBodyCannotBeChangedByACaller() {
        AuthorizerAnswer.FORBIDDEN.body()[0] = 'x';

        assertThat(AuthorizerAnswer.FORBIDDEN.body()[0]).isEqualTo((byte) '{');
    }

    @Test
    void theHeaderAloneDecidesMissingAndMalformedWithoutALookup() {
        assertThat(ApiKeyAuthorizer.withoutLookup(null)).isEqualTo(KeyVerification.MISSING);
        assertThat(ApiKeyAuthorizer.withoutLookup(" ")).isEqualTo(KeyVerification.MISSING);
        assertThat(ApiKeyAuthorizer.withoutLookup("Bearer ")).isEqualTo(KeyVerification.MALFORMED);
        assertThat(ApiKeyAuthorizer.withoutLookup("vr_" + "0".repeat(49))).isEqualTo(KeyVerification.MALFORMED);
        String key = ApiKeyFormat.generate(new java.security.SecureRandom());
        assertThat(ApiKeyAuthorizer.withoutLookup(key)).isNull();
        assertThat(ApiKeyAuthorizer.withoutLookup("Bearer " + key)).isNull();
    }
}
