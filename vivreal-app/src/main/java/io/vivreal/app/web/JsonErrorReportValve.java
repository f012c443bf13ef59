package io.vivreal.app.web;

import io.vivreal.clientapi.web.TenantRouteErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error page, as JSON. Requests the container refuses before any servlet runs
 * (an unparseable request line, an oversized header) would otherwise get an HTML page naming the
 * server; API clients get the error shape of the surface they called, and nothing else.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String uri = request.getRequestURI();
        String message = status >= 500
                ? "the request could not be processed"
                : "the request could not be parsed: its line or headers are malformed or larger than 16 KB";
        String body = TenantRouteErrors.isTenantPath(uri)
                ? "{\"success\":false,\"data\":null,\"error\":\"" + message + "\"}"
                : "{\"error\":\"" + (status >= 500 ? "internal_error" : "bad_request") + "\",\"message\":\"" + message
                        + "\"}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client went away; nothing more to say
        }
    }
}
