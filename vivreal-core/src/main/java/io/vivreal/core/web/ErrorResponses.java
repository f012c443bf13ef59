package io.vivreal.core.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes error bodies from filters and entry points, where no message converter runs. */
public final class ErrorResponses {

    private static final JsonMapper JSON = JsonMapper.shared();

    private ErrorResponses() {}

    public static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
