package io.vivreal.portal.web;

import io.vivreal.core.web.ApiError;
import io.vivreal.core.web.ErrorResponses;
import io.vivreal.portal.auth.PortalSessions;
import io.vivreal.portal.auth.PortalSessions.Context;
import io.vivreal.portal.auth.PortalSessions.Login;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /app/api/proxy/<path>}: what the portal's pages call. Each request must carry a valid login
 * token and a valid {@code active_ctx} for it (signature, expiry, same user, current membership
 * version), else 401 {@code invalid_context}; a state-changing method must also pass the CSRF
 * check, else 403 {@code csrf}. The request is then forwarded inside this server to the Management
 * API at {@code /api/groups/<the context's group>/<path>} with the token as its bearer token — the
 * group comes from the signed context only, never from the path, query or body, and the Management
 * API checks the member's role again as it would for any caller.
 *
 * <p>{@code /app/api/groups} (list and create the user's groups) is forwarded the same way to
 * {@code /api/groups}, needing a login but no context; so are the person's own routes, {@code
 * /app/api/account[/verification-mail]} and {@code /app/api/invitations[/<id>/accept|decline]}, to
 * {@code /api/...} (matched whole, so nothing else of {@code /api} is reachable this way). The
 * person's sessions and password, {@code /app/api/sessions[/<id>|/revoke-others]} and {@code
 * /app/api/password}, go to {@code /auth/...} the same way.
 */
final class PortalProxyFilter extends OncePerRequestFilter {

    static final String PROXY_PREFIX = "/app/api/proxy/";
    static final String GROUPS_ROUTE = "/app/api/groups";
    private static final Pattern PERSONAL_ROUTE =
            Pattern.compile("/app/api/(account(/verification-mail)?|invitations(/[0-9a-f]{24}/(accept|decline))?)");
    private static final Pattern AUTH_ROUTE = Pattern.compile("/app/api/(sessions(/[A-Za-z0-9_-]{1,64})?|password)");
    /** Path segments of letters, digits, {@code - _ . ~}, never starting with a dot; no escapes. */
    private static final Pattern PATH =
            Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9_.~-]{0,127}(?:/[A-Za-z0-9_~-][A-Za-z0-9_.~-]{0,127}){0,7}");

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final PortalSessions sessions;

    PortalProxyFilter(PortalSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !(uri.startsWith(PROXY_PREFIX)
                || uri.equals(GROUPS_ROUTE)
                || PERSONAL_ROUTE.matcher(uri).matches()
                || AUTH_ROUTE.matcher(uri).matches());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        boolean stateChanging = !SAFE_METHODS.contains(request.getMethod());
        Optional<Login> login = sessions.login(request);
        String target;
        boolean auth = AUTH_ROUTE.matcher(uri).matches();
        if (auth || uri.equals(GROUPS_ROUTE) || PERSONAL_ROUTE.matcher(uri).matches()) {
            if (login.isEmpty()) {
                ErrorResponses.write(response, 401, ApiError.of("unauthenticated", "sign in first"));
                return;
            }
            if (stateChanging && !sessions.csrfValid(request, login)) {
                ErrorResponses.write(response, 403, csrf());
                return;
            }
            target = auth ? "/auth" + uri.substring("/app/api".length()) : uri.substring("/app".length());
        } else {
            String rest = uri.substring(PROXY_PREFIX.length());
            if (!PATH.matcher(rest).matches()) {
                ErrorResponses.write(response, 404, ApiError.of("not_found", "no such route"));
                return;
            }
            Optional<Context> context = login.flatMap(l -> sessions.context(request, l));
            if (context.isEmpty()) {
                ErrorResponses.write(
                        response,
                        401,
                        ApiError.of(
                                "invalid_context",
                                "your session or group context is no longer valid; choose the group again"));
                return;
            }
            if (stateChanging && !sessions.csrfValid(request, login)) {
                ErrorResponses.write(response, 403, csrf());
                return;
            }
            String groupId = context.get().group().id();
            target = rest.equals("group") ? "/api/groups/" + groupId : "/api/groups/" + groupId + "/" + rest;
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        request.getRequestDispatcher(target)
                .forward(new BearerRequest(request, login.get().rawToken()), response);
    }

    private static ApiError csrf() {
        return ApiError.of("csrf", "the request lacks a valid CSRF token; reload the page and try again");
    }

    /** The original request, presenting the login token as {@code Authorization: Bearer}. */
    private static final class BearerRequest extends HttpServletRequestWrapper {

        private final String authorization;

        BearerRequest(HttpServletRequest request, String token) {
            super(request);
            this.authorization = "Bearer " + token;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? authorization : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(authorization))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            if (names.stream().noneMatch(HttpHeaders.AUTHORIZATION::equalsIgnoreCase)) {
                names.add(HttpHeaders.AUTHORIZATION);
            }
            return Collections.enumeration(names);
        }
    }
}
