package io.vivreal.identity.session;

import io.vivreal.core.web.ClientAddress;
import io.vivreal.identity.token.IdTokenIssuer;
import io.vivreal.identity.user.User;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/**
 * The one place a successful sign-in becomes a token (the Management API's {@code /auth/login} and
 * the portal's): it records the session first, then issues a token bound to it, so no token of
 * ours exists that its holder could not see in their session list and end.
 */
public final class SignIns {

    private final Sessions sessions;
    private final IdTokenIssuer tokens;
    private final ClientAddress clientAddress;

    public SignIns(Sessions sessions, IdTokenIssuer tokens, ClientAddress clientAddress) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.clientAddress = clientAddress;
    }

    /** A new session of {@code user} from this request, and the ID token bound to it. */
    public String tokenFor(User user, HttpServletRequest request) {
        SessionRecord session = sessions.start(
                user.id(),
                clientAddress.of(request),
                request.getHeader(HttpHeaders.USER_AGENT),
                IdTokenIssuer.LIFETIME);
        return tokens.issue(user, session.id());
    }
}
