package io.vivreal.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainExceptionTests {

    @Test
    void invalidCarriesKindCodeFieldAndMessage() {
        DomainException e = DomainException.invalid("name", "name is required");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.code()).isEqualTo("invalid");
        assertThat(e.field()).isEqualTo("name");
        assertThat(e.getMessage()).isEqualTo("name is required");
    }

    @Test
    void forbiddenNotFoundAndConflictHaveNoField() {
        assertThat(DomainException.forbidden("no").kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(DomainException.forbidden("no").field()).isNull();
        DomainException notFound = DomainException.notFound("group");
        assertThat(notFound.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(notFound.code()).isEqualTo("not_found");
        assertThat(notFound.getMessage()).isEqualTo("group not found");
        DomainException conflict = DomainException.conflict("name_taken", "taken");
        assertThat(conflict.kind()).isEqualTo(DomainException.Kind.CONFLICT);
        assertThat(conflict.code()).isEqualTo("name_taken");
    }

    @Test
    void carriesNoStackTraceAndNoCause() {
        DomainException e = DomainException.invalid("name", "bad");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.getCause()).isNull();
        e.addSuppressed(new RuntimeException("x"));
        assertThat(e.getSuppressed()).isEmpty();
    }
}
