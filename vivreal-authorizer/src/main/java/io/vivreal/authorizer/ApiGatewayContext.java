package io.vivreal.authorizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The context an Allow policy carries, as API Gateway receives it from the Lambda and forwards it
 * to the integration ({@code $context.authorizer.<name>}): the seed's five names, string values
 * only. This is the only place the tenant becomes a string map; in-process the server passes the
 * {@link Tenant} itself.
 *
 * <p>{@code frozen} is deliberately absent: API Gateway would forward {@code false} as the string
 * {@code "false"}, which is truthy in JavaScript — a classic way to serve a suspended group. The
 * integration (the server) checks the key itself and answers 402 for a frozen group.
 */
public final class ApiGatewayContext {

    private ApiGatewayContext() {}

    /**
     * {@code database, bucketName, groupID, groupName, tier}, in that order; a null value is left
     * out (API Gateway refuses nulls).
     */
    public static Map<String, String> of(Tenant tenant) {
        Map<String, String> context = new LinkedHashMap<>();
        put(context, "database", tenant.database());
        put(context, "bucketName", tenant.bucketName());
        put(context, "groupID", tenant.groupID());
        put(context, "groupName", tenant.groupName());
        put(context, "tier", tenant.tier());
        return context;
    }

    private static void put(Map<String, String> context, String name, String value) {
        if (value != null) {
            context.put(name, value);
        }
    }
}
