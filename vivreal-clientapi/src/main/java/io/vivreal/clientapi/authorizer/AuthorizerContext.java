package io.vivreal.clientapi.authorizer;

import io.vivreal.core.apikey.ApiKeyOwner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The context an Allow decision injects, typed. API Gateway passes authorizer context values to
 * the integration as strings, so {@code frozen=false} arrives as {@code "false"} — which is truthy
 * in JavaScript and a classic way to serve a suspended group. {@link #fromApiGateway} is the one
 * place that reads it back, and it accepts only {@code true}/{@code "true"} as true.
 */
public record AuthorizerContext(
        String database, String bucketName, String groupID, String groupName, String tier, boolean frozen) {

    static AuthorizerContext of(ApiKeyOwner owner) {
        return new AuthorizerContext(
                owner.dbKey(),
                owner.bucketName(),
                owner.groupID(),
                owner.groupName(),
                owner.tier().wireName(),
                owner.frozen());
    }

    /** The context as the Lambda returns it: values are strings, numbers or booleans only. */
    public Map<String, Object> toLambdaContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("database", database);
        context.put("bucketName", bucketName);
        context.put("groupID", groupID);
        context.put("groupName", groupName);
        context.put("tier", tier);
        context.put("frozen", frozen);
        return context;
    }

    /** The context as an integration receives it from API Gateway: everything stringified. */
    public Map<String, String> toApiGatewayForwarded() {
        Map<String, String> forwarded = new LinkedHashMap<>();
        toLambdaContext().forEach((name, value) -> forwarded.put(name, String.valueOf(value)));
        return forwarded;
    }

    /** Reads a forwarded context back; a missing or malformed {@code frozen} counts as frozen. */
    public static AuthorizerContext fromApiGateway(Map<String, ?> context) {
        return new AuthorizerContext(
                string(context, "database"),
                string(context, "bucketName"),
                string(context, "groupID"),
                string(context, "groupName"),
                string(context, "tier"),
                !isFalse(context.get("frozen")));
    }

    private static boolean isFalse(Object value) {
        return Boolean.FALSE.equals(value) || "false".equals(value);
    }

    private static String string(Map<String, ?> context, String name) {
        Object value = context.get(name);
        if (value == null) {
            throw new IllegalArgumentException("authorizer context lacks " + name);
        }
        return value.toString();
    }
}
