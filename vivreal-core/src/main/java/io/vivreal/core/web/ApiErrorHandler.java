package io.vivreal.core.web;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.ratelimit.RateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into the Management API's error shape with a fitting 4xx. Parser messages
 * are not echoed (they can quote the input); an unexpected fault is logged by type and answered
 * with a bare 500, never a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> domain(DomainException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status(e.kind()));
        if (e instanceof RateLimitedException limited) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        return response.body(
                new ApiError(e.code(), e.getMessage(), e.field(), e.problems().isEmpty() ? null : e.problems()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (causedByTooLarge(e)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(ApiError.of("too_large", "request body is larger than 1 MB"));
        }
        return ResponseEntity.badRequest()
                .body(ApiError.of(
                        "malformed_json", "request body must be a valid JSON object of the documented shape"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest()
                .body(new ApiError("invalid", "query parameter is required", e.getParameterName()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(new ApiError("invalid", "parameter has the wrong type", e.getName()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(ApiError.of("method_not_allowed", "this route does not accept " + e.getMethod()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(ApiError.of("unsupported_media_type", "send the body as application/json"));
    }

    /** Past {@code spring.servlet.multipart.max-file-size}/{@code max-request-size}: the largest tier's limit. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> uploadTooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(new ApiError("too_large", "the upload is larger than this server accepts", "file"));
    }

    /** A multipart body that cannot be parsed, or a non-multipart body where a file is expected. */
    @ExceptionHandler({MultipartException.class, MissingServletRequestPartException.class})
    ResponseEntity<ApiError> multipart(Exception e) {
        if (causedByTooLarge(e)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(new ApiError("too_large", "the upload is larger than this server accepts", "file"));
        }
        return ResponseEntity.badRequest()
                .body(new ApiError("invalid", "send the file as multipart/form-data in the field 'file'", "file"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noRoute(NoResourceFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("not_found", "no such route"));
    }

    /**
     * The store could not be reached or did not answer in time (down, overloaded, a failover): the
     * request may succeed later, so 503 with a hint when to retry, not an internal error.
     */
    @ExceptionHandler({
        MongoTimeoutException.class,
        MongoSocketException.class,
        MongoExecutionTimeoutException.class,
        MongoNotPrimaryException.class,
        MongoNodeIsRecoveringException.class
    })
    ResponseEntity<ApiError> storeUnavailable(MongoException e) {
        log.warn("store unavailable: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(ApiError.of("store_unavailable", "the store is unavailable; try again shortly"));
    }

    /**
     * The client went away while its answer was being written: there is nobody to answer, and
     * nothing went wrong on our side worth an error line.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("client disconnected before its answer was written");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("unexpected failure: {}", e.getClass().getName());
        // The trace only on request: exception messages of libraries may quote request data.
        log.debug("unexpected failure", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ApiError.of("internal_error", "something went wrong on our side"));
    }

    public static boolean causedByTooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }

    public static HttpStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PAYMENT_REQUIRED -> HttpStatus.PAYMENT_REQUIRED;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case INSUFFICIENT_STORAGE -> HttpStatus.INSUFFICIENT_STORAGE;
            case UPSTREAM_FAILED -> HttpStatus.BAD_GATEWAY;
        };
    }
}
