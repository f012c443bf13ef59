package io.vivreal.app.web;

import io.vivreal.clientapi.web.Envelope;
import io.vivreal.clientapi.web.TenantRouteErrors;
import io.vivreal.core.web.ApiError;
import io.vivreal.core.web.ApiErrorHandler;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside any controller (in filters, by the container) in the shape of the
 * route that failed, with no exception text, trace or path echo.
 */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable failure && ApiErrorHandler.causedByTooLarge(failure)) {
            status = HttpStatus.CONTENT_TOO_LARGE;
        }
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        boolean clientApi = uri instanceof String path && TenantRouteErrors.isTenantPath(path);
        Object body = clientApi
                ? Envelope.failure(status.getReasonPhrase().replace(" ", ""))
                : ApiError.of(code(status), status.getReasonPhrase());
        return ResponseEntity.status(status).body(body);
    }

    private static String code(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "not_found";
            case CONTENT_TOO_LARGE -> "too_large";
            case BAD_REQUEST -> "invalid";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            default -> status.is5xxServerError() ? "internal_error" : "error";
        };
    }
}
