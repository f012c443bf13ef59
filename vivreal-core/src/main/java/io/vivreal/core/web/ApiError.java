package io.vivreal.core.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vivreal.core.domain.FieldProblem;
import java.util.List;

/**
 * The Management API's error shape: a machine code, a human sentence and, when one input is at
 * fault, its path; {@code errors} lists every field at fault when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field, List<FieldProblem> errors) {

    public ApiError(String error, String message, String field) {
        this(error, message, field, null);
    }

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null, null);
    }
}
