package io.vivreal.clientapi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The Client API's envelope for what goes wrong before any of its controllers is chosen: an unknown
 * {@code /tenant} route (404 {@code NotFound}), a known route with another method (405 {@code
 * MethodNotAllowed}, with {@code Allow}), a body of another media type (415 {@code
 * UnsupportedMediaType}) or an {@code Accept} it cannot meet (406). Spring raises these without a
 * handler, so advice scoped to the Client API's package never sees them; this resolver runs first
 * and answers only for {@code /tenant} paths, leaving every other route to its own surface.
 */
public final class TenantRouteErrors implements HandlerExceptionResolver, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    /** Whether a request path belongs to the Client API. */
    public static boolean isTenantPath(String path) {
        return path != null && (path.equals("/tenant") || path.startsWith("/tenant/"));
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!isTenantPath(path) || response.isCommitted()) {
            return null;
        }
        HttpStatus status;
        String error;
        if (exception instanceof NoResourceFoundException) {
            status = HttpStatus.NOT_FOUND;
            error = "NotFound";
        } else if (exception instanceof HttpRequestMethodNotSupportedException method) {
            status = HttpStatus.METHOD_NOT_ALLOWED;
            error = "MethodNotAllowed";
            Set<?> allowed = method.getSupportedHttpMethods();
            if (allowed != null && !allowed.isEmpty()) {
                response.setHeader(
                        HttpHeaders.ALLOW,
                        String.join(", ", allowed.stream().map(String::valueOf).toList()));
            }
        } else if (exception instanceof HttpMediaTypeNotSupportedException) {
            status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            error = "UnsupportedMediaType";
        } else if (exception instanceof HttpMediaTypeNotAcceptableException) {
            status = HttpStatus.NOT_ACCEPTABLE;
            error = "NotAcceptable";
        } else {
            return null;
        }
        try {
            response.setStatus(status.value());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream()
                    .write(("{\"success\":false,\"data\":null,\"error\":\"" + error + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
        return new ModelAndView();
    }
}
