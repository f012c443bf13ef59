package io.vivreal.clientapi.web;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.web.ApiErrorHandler;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** Client API failures in the Client API's envelope, never a stack trace. */
@RestControllerAdvice(basePackages = {"io.vivreal.clientapi", "io.vivreal.app.tenant"})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ClientApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ClientApiErrorHandler.class);

    /**
     * Domain refusals in the envelope. The {@code error} text names the field at fault and why, as
     * the contract asks for submissions; quota and rate limits keep their status codes.
     */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<Envelope> domain(DomainException e) {
        HttpStatus status = ApiErrorHandler.status(e.kind());
        String error = switch (e.kind()) {
            case INVALID ->
                e.problems().isEmpty()
                        ? e.getMessage()
                        : e.problems().stream()
                                .map(p -> p.field() + ": " + p.reason())
                                .collect(Collectors.joining("; "));
            case NOT_FOUND -> "NotFound";
            case PAYMENT_REQUIRED -> "QuotaExceeded";
            case RATE_LIMITED -> "TooManyRequests";
            default -> status.getReasonPhrase().replace(" ", "");
        };
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (e instanceof RateLimitedException limited) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        return response.body(Envelope.failure(error));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelope> unreadable(HttpMessageNotReadableException e) {
        if (ApiErrorHandler.causedByTooLarge(e)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Envelope.failure("PayloadTooLarge"));
        }
        return ResponseEntity.badRequest().body(Envelope.failure("request body must be valid JSON"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Envelope> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(Envelope.failure("MethodNotAllowed"));
    }

    /**
     * The servlet firewall's refusal of a request it will not let through (a NUL or a line break in
     * a parameter name, an encoded slash): the client's fault, so a 400, never a 500.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Envelope> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(Envelope.failure("BadRequest"));
    }

    @ExceptionHandler(com.mongodb.MongoException.class)
    ResponseEntity<Envelope> storeDown(com.mongodb.MongoException e) {
        log.warn(
                "store unavailable while serving the Client API: {}",
                e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(Envelope.failure("ServiceUnavailable"));
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
    ResponseEntity<Envelope> unexpected(Exception e) {
        log.error("unexpected Client API failure: {}", e.getClass().getName());
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Envelope.failure("InternalError"));
    }
}
