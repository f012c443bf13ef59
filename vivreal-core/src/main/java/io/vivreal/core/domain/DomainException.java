package io.vivreal.core.domain;

import java.util.List;

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
        RATE_LIMITED,
        /** The server cannot store more (its disk is nearly full): 507, nothing the caller can fix. */
        INSUFFICIENT_STORAGE,
        /** A platform the server relies on for this request (Stripe) failed or could not be reached: 502. */
        UPSTREAM_FAILED
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final List<FieldProblem> problems;

    public DomainException(Kind kind, String code, String message, String field) {
        this(kind, code, message, field, List.of());
    }

    public DomainException(Kind kind, String code, String message, String field, List<FieldProblem> problems) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.problems = List.copyOf(problems);
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

    /** Every field at fault, when there is more than one thing to say. */
    public List<FieldProblem> problems() {
        return problems;
    }
}
