package io.vivreal.authorizer;

import java.nio.charset.StandardCharsets;

/**
 * The one table from a key check to the answer a caller gets, for both hosts of the authorizer.
 * The server's filter answers {@link #status()} with {@link #body()}; the Lambda can only return a
 * policy or fail, so it returns {@link #gateway()} and API Gateway (with the gateway responses in
 * {@code deploy/aws/template.yaml}) turns that into the same status:
 *
 * <table>
 *   <caption>outcome → answer</caption>
 *   <tr><th>check</th><th>server</th><th>Lambda</th><th>API Gateway answers</th></tr>
 *   <tr><td>no key</td><td>401 Unauthorized</td><td>fails "Unauthorized"</td><td>401 (also
 *       without invoking the function when the header is absent)</td></tr>
 *   <tr><td>malformed, unknown, regenerated away</td><td>403 Forbidden</td><td>Deny</td><td>403
 *       ({@code ACCESS_DENIED})</td></tr>
 *   <tr><td>store unreachable</td><td>503 + Retry-After</td><td>fails (any other error)</td><td>503
 *       + Retry-After ({@code AUTHORIZER_FAILURE})</td></tr>
 *   <tr><td>valid, group frozen</td><td>402 GroupFrozen</td><td>Allow</td><td>forwards; the server
 *       behind it checks the key again and answers 402</td></tr>
 *   <tr><td>valid</td><td>the route's answer</td><td>Allow</td><td>forwards</td></tr>
 * </table>
 *
 * <p>A malformed key gets the same 403 as an unknown one on both hosts, as the wire contract asks:
 * the answer does not tell a typo from a revoked key. It is still rejected without any I/O.
 */
public enum AuthorizerAnswer {
    ALLOW(200, null, Gateway.ALLOW),
    UNAUTHORIZED(401, "Unauthorized", Gateway.UNAUTHORIZED),
    FORBIDDEN(403, "Forbidden", Gateway.DENY),
    GROUP_FROZEN(402, "GroupFrozen", Gateway.ALLOW),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", Gateway.FAIL);

    /** What a TOKEN authorizer can do: return a policy, or fail with or without "Unauthorized". */
    public enum Gateway {
        ALLOW,
        DENY,
        /** Fail with exactly the message {@code Unauthorized}: API Gateway answers 401. */
        UNAUTHORIZED,
        /** Fail with any other message: API Gateway answers {@code AUTHORIZER_FAILURE}. */
        FAIL
    }

    /** Seconds a caller should wait before trying again after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final int status;
    private final String error;
    private final Gateway gateway;
    private final byte[] body;

    AuthorizerAnswer(int status, String error, Gateway gateway) {
        this.status = status;
        this.error = error;
        this.gateway = gateway;
        this.body = error == null
                ? null
                : ("{\"success\":false,\"data\":null,\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static AuthorizerAnswer of(KeyVerification verification) {
        return switch (verification.status()) {
            case MISSING -> UNAUTHORIZED;
            case MALFORMED, NOT_FOUND -> FORBIDDEN;
            case STORE_UNAVAILABLE -> SERVICE_UNAVAILABLE;
            case VALID -> verification.tenant().frozen() ? GROUP_FROZEN : ALLOW;
        };
    }

    /** The HTTP status the server answers; 200 stands for "the route answers". */
    public int status() {
        return status;
    }

    /** The envelope's {@code error}; null for {@link #ALLOW}. */
    public String error() {
        return error;
    }

    /** What the Lambda returns for this answer. */
    public Gateway gateway() {
        return gateway;
    }

    /** The envelope of a rejection, {@code {"success":false,"data":null,"error":...}}; null for Allow. */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /** Whether the answer lets the request reach the route (the server) or the integration (API Gateway). */
    public boolean admits() {
        return this == ALLOW;
    }
}
