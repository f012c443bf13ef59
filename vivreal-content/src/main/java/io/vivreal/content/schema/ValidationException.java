package io.vivreal.content.schema;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.domain.FieldProblem;
import java.util.List;

/** Every problem of one input at once, so a form can mark every field at fault in one round. */
public final class ValidationException extends DomainException {

    public ValidationException(List<FieldProblem> problems) {
        super(
                Kind.INVALID,
                "validation_failed",
                problems.size() == 1
                        ? problems.get(0).field() + ": " + problems.get(0).reason()
                        : problems.size() + " fields are invalid",
                problems.get(0).field(),
                problems);
    }
}
