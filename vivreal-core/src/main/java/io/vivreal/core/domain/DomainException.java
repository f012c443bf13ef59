package io.vivreal.core.domain;

/**
 * A request the domain refuses, with a machine code, a human sentence and, when one input is at
 * fault, its field. Each surface turns the {@link Kind} into its own status code in one place.
 * Messages never carry secrets and never reveal whether something of another tenant exists.
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        INVALID,
        UNAUTHENTICATED,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT,
        PAYMENT_REQUIRED,
        TOO_LARGE,
        RATE_LIMITED
    }

    private final Kind kind;
    private final String code;
    private final String field;

    public DomainException(Kind kind, String code, String message, String field) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public static DomainException invalid(String field, String message) {
        return new DomainException(Kind.INVALID, "invalid", message, field);
    }

    public static DomainException forbidden(String message) {
        return new DomainException(Kind.FORBIDDEN, "forbidden", message, null);
    }

    public static DomainException notFound(String what) {
        return new DomainException(Kind.NOT_FOUND, "not_found", what + " not found", null);
    }

    public static DomainException conflict(String code, String message) {
        return new DomainException(Kind.CONFLICT, code, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
