package io.vivreal.portal.auth;

import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.Member;
import io.vivreal.identity.token.IdTokenVerification;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a request's portal cookies and answers what they prove. The token must be one of our own
 * ID tokens, unexpired and not signed out; the context must carry our signature, be unexpired,
 * belong to the token's user, and match the member's current membership version in the store.
 */
public final class PortalSessions {

    private final IdTokenVerification tokens;
    private final ContextTokens contexts;
    private final CsrfTokens csrf;
    private final GroupRepository groups;

    public PortalSessions(IdTokenVerification tokens, ContextTokens contexts, CsrfTokens csrf, GroupRepository groups) {
        this.tokens = tokens;
        this.contexts = contexts;
        this.csrf = csrf;
        this.groups = groups;
    }

    /** A verified login: the raw token (forwarded as a bearer token) and its claims. */
    public record Login(String rawToken, Jwt jwt) {
        public String userId() {
            return jwt.getSubject();
        }

        public String csrfBinding() {
            return CsrfTokens.sessionBinding(jwt.getId());
        }
    }

    /** A verified context and the group and member it was checked against. */
    public record Context(ActiveContext claims, Group group, Member member) {
        /** Whether the group's tier changed since signing (the context should be re-signed). */
        public boolean stale() {
            return !group.tier().wireName().equals(claims.tier());
        }
    }

    public Optional<Login> login(HttpServletRequest request) {
        return login(PortalCookies.read(request, PortalCookies.TOKEN));
    }

    public Optional<Login> login(String rawToken) {
        return tokens.verifyLocal(rawToken).map(jwt -> new Login(rawToken, jwt));
    }

    public Optional<Context> context(HttpServletRequest request, Login login) {
        return contexts.verify(PortalCookies.read(request, PortalCookies.CONTEXT))
                .filter(claims -> login.userId().equals(claims.sub()))
                .filter(claims -> claims.groupID() != null && claims.groupID().matches("[0-9a-f]{24}"))
                .flatMap(claims -> groups.findById(claims.groupID())
                        .flatMap(group -> group.member(login.userId())
                                .filter(member -> member.version() == claims.membershipVersion())
                                .map(member -> new Context(claims, group, member))));
    }

    /** The signed context for a member of a group, expiring with the login token. */
    public String signContext(Login login, Group group, Member member) {
        return contexts.sign(new ActiveContext(
                login.userId(),
                group.id(),
                group.dbKey(),
                group.bucketName(),
                member.role().wireName(),
                group.tier().wireName(),
                member.version(),
                login.jwt().getExpiresAt()));
    }

    /** Whether a state-changing request carries a valid double-submit token for its session. */
    public boolean csrfValid(HttpServletRequest request, Optional<Login> login) {
        String binding = login.map(Login::csrfBinding).orElse(CsrfTokens.ANONYMOUS);
        return csrf.valid(
                PortalCookies.read(request, PortalCookies.CSRF), request.getHeader(PortalCookies.CSRF_HEADER), binding);
    }

    /** Whether the request's CSRF cookie is one of ours for this session (no header needed). */
    public boolean csrfCookieCurrent(HttpServletRequest request, Optional<Login> login) {
        String binding = login.map(Login::csrfBinding).orElse(CsrfTokens.ANONYMOUS);
        return csrf.issuedFor(PortalCookies.read(request, PortalCookies.CSRF), binding);
    }

    public String newCsrf(Optional<Login> login) {
        return csrf.issue(login.map(Login::csrfBinding).orElse(CsrfTokens.ANONYMOUS));
    }
}
