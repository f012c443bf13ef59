package io.vivreal.clientapi.authorizer;

import io.vivreal.core.apikey.ApiKeyOwner;

/**
 * The outcome of checking one presented key. Outcomes are values: only {@link Status#VALID}
 * carries an owner, and the HTTP layer turns each status into an answer in one place.
 */
public record KeyVerification(Status status, ApiKeyOwner owner, String keyHash) {

    public enum Status {
        /** No key was presented. */
        MISSING,
        /** Not the shape or checksum of a key; rejected without any I/O. */
        MALFORMED,
        /** Well-formed, but no group has it (never had, or it was regenerated away). */
        NOT_FOUND,
        /** A group's current key; the owner may still be frozen. */
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

    static KeyVerification valid(ApiKeyOwner owner, String keyHash) {
        return new KeyVerification(Status.VALID, owner, keyHash);
    }

    @Override
    public String toString() {
        return "KeyVerification[" + status + (owner == null ? "" : " group " + owner.groupID()) + "]";
    }
}
