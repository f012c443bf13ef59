package io.vivreal.clientapi.authorizer;

import io.vivreal.core.tenancy.TenantScope;

/**
 * The tenant a Client API request runs for, built only from the authorizer's Allow context and
 * handed to handlers as an immutable value. Handlers take the group from here, never from the
 * query string or the body.
 */
public record TenantContext(
        String groupID, String groupName, String database, String bucketName, String tier, boolean frozen) {

    static TenantContext from(AuthorizerContext context) {
        return new TenantContext(
                context.groupID(),
                context.groupName(),
                context.database(),
                context.bucketName(),
                context.tier(),
                context.frozen());
    }

    public TenantScope scope() {
        return new TenantScope(groupID, database);
    }
}
