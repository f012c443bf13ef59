package io.vivreal.clientapi.web;

import io.vivreal.core.web.ApiErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Client API failures in the Client API's envelope, never a stack trace. */
@RestControllerAdvice(basePackages = "io.vivreal.clientapi")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ClientApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ClientApiErrorHandler.class);

    @ExceptionHandler(ClientApiException.class)
    ResponseEntity<Envelope> badRequest(ClientApiException e) {
        return ResponseEntity.badRequest().body(Envelope.failure(e.getMessage()));
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

    @ExceptionHandler(com.mongodb.MongoException.class)
    ResponseEntity<Envelope> storeDown(com.mongodb.MongoException e) {
        log.warn(
                "store unavailable while serving the Client API: {}",
                e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(Envelope.failure("ServiceUnavailable"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope> unexpected(Exception e) {
        log.error("unexpected Client API failure: {}", e.getClass().getName());
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Envelope.failure("InternalError"));
    }
}
