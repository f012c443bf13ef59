package io.vivreal.core.tenancy;

/** A programming error: code tried to write across the tenant boundary. Never a user error. */
public final class TenantViolationException extends RuntimeException {

    TenantViolationException(String message) {
        super(message);
    }
}
