package io.vivreal.identity.web;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.web.ClientAddress;
import io.vivreal.identity.login.PasswordChanges;
import io.vivreal.identity.session.SessionRecord;
import io.vivreal.identity.session.Sessions;
import io.vivreal.identity.token.IdTokenVerification;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /auth/sessions} and {@code /auth/password}: a signed-in person's own sessions, which they
 * can see and end, and their password, whose change ends every other session. Only the caller's
 * own sessions are ever named: another person's session id answers 404 like an unknown one.
 */
@RestController
@RequestMapping("/auth")
class SessionsController {

    private final Sessions sessions;
    private final IdTokenVerification verification;
    private final PasswordChanges passwords;
    private final ClientAddress clientAddress;

    SessionsController(
            Sessions sessions,
            IdTokenVerification verification,
            PasswordChanges passwords,
            ClientAddress clientAddress) {
        this.sessions = sessions;
        this.verification = verification;
        this.passwords = passwords;
        this.clientAddress = clientAddress;
    }

    record SessionView(
            String id,
            Instant createdAt,
            Instant lastSeenAt,
            String clientAddress,
            String userAgent,
            Instant expiresAt,
            boolean current) {}

    record Revoked(long revoked) {}

    record PasswordChange(String currentPassword, String newPassword) {}

    record PasswordChanged(boolean changed, long sessionsEnded) {}

    @GetMapping("/sessions")
    List<SessionView> list(HttpServletRequest request) {
        Jwt token = LocalBearer.require(request, verification);
        String current = token.getClaimAsString("sid");
        return sessions.listFor(token.getSubject()).stream()
                .map(s -> view(s, s.id().equals(current)))
                .toList();
    }

    /** Ends one of the caller's sessions (the current one too: that is signing out). */
    @DeleteMapping("/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end(@PathVariable String sessionId, HttpServletRequest request) {
        Jwt token = LocalBearer.require(request, verification);
        if (!sessions.end(token.getSubject(), sessionId)) {
            throw DomainException.notFound("session");
        }
    }

    @PostMapping("/sessions/revoke-others")
    Revoked revokeOthers(HttpServletRequest request) {
        Jwt token = LocalBearer.require(request, verification);
        return new Revoked(sessions.endAllBut(token.getSubject(), token.getClaimAsString("sid")));
    }

    /** Confirms the current password, stores the new one, then ends every session but this one. */
    @PostMapping("/password")
    CompletableFuture<PasswordChanged> changePassword(
            @RequestBody(required = false) PasswordChange body, HttpServletRequest request) {
        Jwt token = LocalBearer.require(request, verification);
        PasswordChange change = body == null ? new PasswordChange(null, null) : body;
        return passwords
                .change(token.getSubject(), change.currentPassword(), change.newPassword(), clientAddress.of(request))
                .thenApply(user -> new PasswordChanged(
                        true, sessions.endAllBut(token.getSubject(), token.getClaimAsString("sid"))));
    }

    private static SessionView view(SessionRecord session, boolean current) {
        return new SessionView(
                session.id(),
                session.createdAt(),
                session.lastSeenAt(),
                session.clientAddress(),
                session.userAgent(),
                session.expiresAt(),
                current);
    }
}
