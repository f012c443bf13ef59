package io.vivreal.clientapi.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context survives API Gateway's stringification without turning "false" into true. */
class AuthorizerContextTests {

    private static final AuthorizerContext CONTEXT =
            new AuthorizerContext("general_shared", "acme-x1", "0123456789abcdef01234567", "Acme", "pro", false);

    @Test
    void lambdaContextHoldsOnlyStringsNumbersAndBooleans() {
        assertThat(CONTEXT.toLambdaContext().values())
                .allSatisfy(value -> assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class));
        assertThat(CONTEXT.toLambdaContext())
                .containsEntry("frozen", false)
                .containsKeys("database", "bucketName", "groupID", "groupName", "tier");
    }

    @Test
    void stringifiedFalseReadsBackAsNotFrozen() {
        Map<String, String> forwarded = CONTEXT.toApiGatewayForwarded();

        assertThat(forwarded).containsEntry("frozen", "false");
        assertThat(AuthorizerContext.fromApiGateway(forwarded)).isEqualTo(CONTEXT);
    }

    @Test
    void stringifiedTrueReadsBackAsFrozen() {
        Map<String, String> forwarded = new HashMap<>(CONTEXT.toApiGatewayForwarded());
        forwarded.put("frozen", "true");

        assertThat(AuthorizerContext.fromApiGateway(forwarded).frozen()).isTrue();
    }

    @Test
    void missingOrOddFrozenValueFailsClosed() {
        Map<String, Object> forwarded = new HashMap<>(CONTEXT.toApiGatewayForwarded());
        forwarded.remove("frozen");
        assertThat(AuthorizerContext.fromApiGateway(forwarded).frozen()).isTrue();

        for (Object odd : new Object[] {"False", "0", "", "no", 0}) {
            forwarded.put("frozen", odd);
            assertThat(AuthorizerContext.fromApiGateway(forwarded).frozen())
                    .as("%s", odd)
                    .isTrue();
        }
    }

    @Test
    void missingGroupIdIsRefused() {
        Map<String, String> forwarded = new HashMap<>(CONTEXT.toApiGatewayForwarded());
        forwarded.remove("groupID");

        assertThatThrownBy(() -> AuthorizerContext.fromApiGateway(forwarded))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void apiGatewayResponseHasThePolicyShape() {
        AuthorizerDecision allow = AuthorizerDecision.allow("g", "arn:x", CONTEXT, null);

        Map<String, Object> response = allow.toApiGatewayResponse();

        assertThat(response).containsEntry("principalId", "g").containsKeys("policyDocument", "context");
        assertThat(response.get("policyDocument").toString())
                .contains("execute-api:Invoke", "Allow", "arn:x", "2012-10-17");
        assertThat(AuthorizerDecision.deny("arn:x", null).toApiGatewayResponse())
                .doesNotContainKey("context");
        assertThatThrownBy(() -> AuthorizerDecision.unauthorized(null).toApiGatewayResponse())
                .isInstanceOf(IllegalStateException.class);
    }
}
