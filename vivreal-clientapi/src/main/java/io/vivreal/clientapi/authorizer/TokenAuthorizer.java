package io.vivreal.clientapi.authorizer;

/**
 * The API Gateway TOKEN-authorizer contract: an authorization token and a method ARN in, a
 * decision (principal, policy, context) out. {@link ApiKeyAuthorizer} is the implementation; the
 * interface lets the same contract be hosted by the servlet filter here and by a Lambda handler.
 */
public interface TokenAuthorizer {

    AuthorizerDecision authorize(String authorizationToken, String methodArn);
}
