package io.vivreal.clientapi.web;

/**
 * Where the Client API records the answers it writes before Spring's HTTP observation could see
 * them: the authorizer's refusals and the lean path's cached answers. Those run ahead of the
 * observation filter on purpose (a full Micrometer {@code Observation} per request was the largest
 * single stage of the lean path, docs/BENCHMARKS.md issue 13 item 1), so the application records
 * them here into the same {@code http.server.requests} timer, with the same tags, that the
 * observation would have used; requests that reach Spring MVC are still observed as before.
 * Without metrics (a module test, the Lambda) it is {@link #NONE}.
 */
@FunctionalInterface
public interface AnswerTimings {

    /** The route tag of an answer no route template matched, as Spring's observation names it. */
    String UNKNOWN_ROUTE = "UNKNOWN";

    /** Records nothing. */
    AnswerTimings NONE = (method, route, status, startNanos) -> {};

    /**
     * One answer written.
     *
     * @param method the request's method, as the client sent it
     * @param route the route template ({@code /tenant/collectionObjects}) or {@link #UNKNOWN_ROUTE}
     * @param status the HTTP status written
     * @param startNanos {@link System#nanoTime()} when the request reached the Client API's filters
     */
    void record(String method, String route, int status, long startNanos);
}
