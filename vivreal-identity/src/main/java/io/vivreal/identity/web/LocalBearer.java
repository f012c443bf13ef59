package io.vivreal.identity.web;

import io.vivreal.core.domain.DomainException;
import io.vivreal.identity.token.IdTokenVerification;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller's own ID token on {@code /auth} routes, which sit outside the Management API's bearer
 * chain: {@code Authorization: Bearer <our token>}, verified with every check (including its
 * session being open). An external issuer's token has no session or password here.
 */
final class LocalBearer {

    private LocalBearer() {}

    static Jwt require(HttpServletRequest request, IdTokenVerification verification) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return (authorization != null && authorization.startsWith("Bearer ")
                        ? verification.verifyLocal(authorization.substring("Bearer ".length()))
                        : java.util.Optional.<Jwt>empty())
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.UNAUTHENTICATED,
                        "unauthenticated",
                        "a valid bearer token of this server is required",
                        null));
    }
}
