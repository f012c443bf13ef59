package io.vivreal.clientapi.authorizer;

import java.util.List;
import java.util.Map;

/**
 * The API Gateway TOKEN-authorizer result: a principal, an IAM policy allowing or denying {@code
 * execute-api:Invoke} on the method ARN, and on Allow the group context. A missing token is not a
 * policy at all: API Gateway expects the authorizer to fail with {@code "Unauthorized"} (401).
 *
 * @param verification why the decision was taken; not part of the wire result
 */
public record AuthorizerDecision(
        Outcome outcome,
        String principalId,
        PolicyDocument policyDocument,
        AuthorizerContext context,
        KeyVerification verification) {

    public enum Outcome {
        ALLOW,
        DENY,
        UNAUTHORIZED
    }

    public record PolicyDocument(String Version, List<Statement> Statement) {}

    public record Statement(String Action, String Effect, String Resource) {}

    static AuthorizerDecision allow(
            String principalId, String methodArn, AuthorizerContext context, KeyVerification v) {
        return new AuthorizerDecision(Outcome.ALLOW, principalId, policy("Allow", methodArn), context, v);
    }

    static AuthorizerDecision deny(String methodArn, KeyVerification v) {
        return new AuthorizerDecision(Outcome.DENY, "anonymous", policy("Deny", methodArn), null, v);
    }

    static AuthorizerDecision unauthorized(KeyVerification v) {
        return new AuthorizerDecision(Outcome.UNAUTHORIZED, null, null, null, v);
    }

    private static PolicyDocument policy(String effect, String methodArn) {
        return new PolicyDocument("2012-10-17", List.of(new Statement("execute-api:Invoke", effect, methodArn)));
    }

    /** The authorizer's response body as API Gateway reads it (only for Allow and Deny). */
    public Map<String, Object> toApiGatewayResponse() {
        if (outcome == Outcome.UNAUTHORIZED) {
            throw new IllegalStateException("an Unauthorized outcome is signalled by failing, not by a policy");
        }
        Map<String, Object> response = new java.util.LinkedHashMap<>();
        response.put("principalId", principalId);
        response.put(
                "policyDocument",
                Map.of(
                        "Version", policyDocument.Version(),
                        "Statement",
                                policyDocument.Statement().stream()
                                        .map(s -> Map.of(
                                                "Action", s.Action(), "Effect", s.Effect(), "Resource", s.Resource()))
                                        .toList()));
        if (context != null) {
            response.put("context", context.toLambdaContext());
        }
        return response;
    }
}
