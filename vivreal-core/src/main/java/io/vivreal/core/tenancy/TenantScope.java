package io.vivreal.core.tenancy;

import io.vivreal.authorizer.Tenant;
import java.util.regex.Pattern;

/**
 * The verified tenant a piece of work runs for: the group and the database its content lives in.
 *
 * <p>A scope is made only from verified context — the authorizer's decision on the Client API,
 * the caller's checked membership on the Management API — never from a request parameter. Its
 * constructor refuses anything that is not a well-formed group id and database name, so a scope
 * can never be built to match everything.
 */
public record TenantScope(String groupID, String dbKey) {

    private static final Pattern GROUP_ID = Pattern.compile("[0-9a-f]{24}");
    private static final Pattern DB_KEY = Pattern.compile("[a-z][a-z0-9_]{2,47}");
    /** MongoDB's own databases and the default control plane are never tenant databases. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("admin", "local", "config", "vivreal");

    public TenantScope {
        if (groupID == null || !GROUP_ID.matcher(groupID).matches()) {
            throw new IllegalArgumentException("a tenant scope needs a 24-hex group id");
        }
        if (dbKey == null || !DB_KEY.matcher(dbKey).matches() || RESERVED.contains(dbKey)) {
            throw new IllegalArgumentException("a tenant scope needs a valid database name");
        }
    }

    /** The scope of a Client API request: the tenant the authorizer verified from the API key. */
    public static TenantScope of(Tenant tenant) {
        return new TenantScope(tenant.groupID(), tenant.database());
    }
}
