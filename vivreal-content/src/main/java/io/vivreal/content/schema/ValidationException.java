package io.vivreal.content.schema;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.domain.FieldProblem;
import java.util.List;

/**
 * Every problem of one input at once, so a form can mark every field at fault in one round — up to
 * {@link #MAX_LISTED}: a hostile body with a hundred thousand bad values gets a short answer.
 */
public final class ValidationException extends DomainException {

    static final int MAX_LISTED = 50;

    public ValidationException(List<FieldProblem> problems) {
        super(
                Kind.INVALID,
                "validation_failed",
                problems.size() == 1
                        ? problems.get(0).field() + ": " + problems.get(0).reason()
                        : problems.size() + " fields are invalid",
                problems.get(0).field(),
                problems.size() <= MAX_LISTED ? problems : problems.subList(0, MAX_LISTED));
    }
}
