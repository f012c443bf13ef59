package io.vivreal.authorizer;

/**
 * The outcome of checking one presented key. Outcomes are values: only {@link Status#VALID}
 * carries a tenant, and {@link AuthorizerAnswer} turns each status into an answer in one place.
 */
public record KeyVerification(Status status, Tenant tenant, String keyHash) {

    public enum Status {
        /** No key was presented. */
        MISSING,
        /** Not the shape or checksum of a key; rejected without any I/O. */
        MALFORMED,
        /** Well-formed, but no group has it (never had, or it was regenerated away). */
        NOT_FOUND,
        /** A group's current key (or a rolled-away key in its overlap); the group may be frozen. */
        VALID,
        /** The store could not answer; the caller must fail closed. */
        STORE_UNAVAILABLE
    }

    static final KeyVerification MISSING = new KeyVerification(Status.MISSING, null, null);
    static final KeyVerification MALFORMED = new KeyVerification(Status.MALFORMED, null, null);
    static final KeyVerification STORE_UNAVAILABLE = new KeyVerification(Status.STORE_UNAVAILABLE, null, null);

    static KeyVerification notFound(String keyHash) {
        return new KeyVerification(Status.NOT_FOUND, null, keyHash);
    }

    /** A valid key of {@code tenant}'s group; public for hosts that stand in for the store. */
    public static KeyVerification valid(Tenant tenant, String keyHash) {
        return new KeyVerification(Status.VALID, tenant, keyHash);
    }

    @Override
    public String toString() {
        return "KeyVerification[" + status + (tenant == null ? "" : " group " + tenant.groupID()) + "]";
    }
}
