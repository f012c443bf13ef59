package io.vivreal.identity.session;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The check every one of our ID tokens passes on every use (Management API, portal pages and
 * proxy, step-up): its {@code sid} names an open session of its own subject. A token without a
 * {@code sid} was not issued by a sign-in that can be ended, so it is refused. A passing request
 * also counts as the session being seen.
 */
public final class OpenSessions implements OAuth2TokenValidator<Jwt> {

    private final Sessions sessions;

    public OpenSessions(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String sid = token.getClaimAsString("sid");
        if (!sessions.isActive(sid, token.getSubject())) {
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_token", "the session was signed out", null));
        }
        sessions.seen(sid);
        return OAuth2TokenValidatorResult.success();
    }
}
