package io.vivreal.lambda;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import io.vivreal.authorizer.ApiGatewayContext;
import io.vivreal.authorizer.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The responses a REST API TOKEN authorizer returns: a principal, an IAM policy with one {@code
 * execute-api:Invoke} statement and, on Allow, the group's {@link ApiGatewayContext} (string
 * values only; API Gateway refuses anything but strings, numbers and booleans, and a null, with a
 * 500).
 *
 * <p>The policy covers the whole stage ({@code <api>/<stage>/*}/*), not just the method ARN that
 * was called. A Vivreal key grants every Client API route or none, so nothing is widened; and API
 * Gateway caches the policy by token, so a policy naming one method would make the next call to
 * another route with the same key fail with 403 while the cached policy lives.
 */
final class PolicyResponses {

    private PolicyResponses() {}

    /** Allow for the key's group: the group is the principal, its context goes to the integration. */
    static IamPolicyResponseV1 allow(Tenant tenant, String resource) {
        return policy(
                tenant.groupID(),
                IamPolicyResponseV1.ALLOW,
                resource,
                new LinkedHashMap<String, Object>(ApiGatewayContext.of(tenant)));
    }

    /** Deny: a malformed, unknown or regenerated key (API Gateway answers 403). */
    static IamPolicyResponseV1 deny(String resource) {
        return policy("anonymous", IamPolicyResponseV1.DENY, resource, null);
    }

    private static IamPolicyResponseV1 policy(
            String principalId, String effect, String resource, Map<String, Object> context) {
        IamPolicyResponseV1.Statement statement = IamPolicyResponseV1.Statement.builder()
                .withAction(IamPolicyResponseV1.EXECUTE_API_INVOKE)
                .withEffect(effect)
                .withResource(List.of(resource))
                .build();
        return IamPolicyResponseV1.builder()
                .withPrincipalId(principalId)
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(statement))
                        .build())
                .withContext(context)
                .build();
    }

    /**
     * The stage-wide resource for a method ARN: {@code
     * arn:aws:execute-api:<region>:<account>:<api>/<stage>/<verb>/<path>} becomes {@code
     * arn:aws:execute-api:<region>:<account>:<api>/<stage>/*}/*}.
     *
     * @throws IllegalArgumentException for anything else: API Gateway always sends a method ARN, so
     *     its absence means a misconfiguration, which must fail rather than guess a resource
     */
    static String stageResource(String methodArn) {
        if (methodArn == null || !methodArn.startsWith("arn:")) {
            throw new IllegalArgumentException("the event carries no method ARN");
        }
        int resourceStart = nthIndexOf(methodArn, ':', 5) + 1;
        int apiEnd = methodArn.indexOf('/', resourceStart);
        int stageEnd = apiEnd < 0 ? -1 : methodArn.indexOf('/', apiEnd + 1);
        if (resourceStart == 0 || apiEnd <= resourceStart || stageEnd <= apiEnd + 1) {
            throw new IllegalArgumentException("the method ARN is not arn:...:<api>/<stage>/<verb>/<path>");
        }
        return methodArn.substring(0, stageEnd) + "/*/*";
    }

    private static int nthIndexOf(String text, char c, int n) {
        int index = -1;
        for (int i = 0; i < n; i++) {
            index = text.indexOf(c, index + 1);
            if (index < 0) {
                return -1;
            }
        }
        return index;
    }
}
