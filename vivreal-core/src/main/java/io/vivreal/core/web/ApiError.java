package io.vivreal.core.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The Management API's error shape: a machine code, a human sentence and, when one input is at
 * fault, its path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null);
    }
}
