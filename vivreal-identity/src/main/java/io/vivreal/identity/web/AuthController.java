package io.vivreal.identity.web;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.web.ClientAddress;
import io.vivreal.identity.login.LoginService;
import io.vivreal.identity.session.SignIns;
import io.vivreal.identity.stepup.StepUp;
import io.vivreal.identity.token.IdTokenIssuer;
import io.vivreal.identity.token.IdTokenVerification;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /auth}: sign-up and sign-in with email and password. */
@RestController
@RequestMapping("/auth")
class AuthController {

    private final LoginService logins;
    private final SignIns signIns;
    private final ClientAddress clientAddress;
    private final IdTokenVerification verification;
    private final StepUp stepUp;
    private final Clock clock;

    AuthController(
            LoginService logins,
            SignIns signIns,
            ClientAddress clientAddress,
            IdTokenVerification verification,
            StepUp stepUp,
            Clock clock) {
        this.logins = logins;
        this.signIns = signIns;
        this.clientAddress = clientAddress;
        this.verification = verification;
        this.stepUp = stepUp;
        this.clock = clock;
    }

    record SignupRequest(String email, String password, String name) {}

    record SignupResponse(String userId, String email) {}

    record LoginRequest(String email, String password, String code) {}

    record LoginResponse(String idToken, long expiresIn, String tokenType) {}

    /** Answered asynchronously: the request thread is free while the password is hashed. */
    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    CompletableFuture<SignupResponse> signup(@RequestBody SignupRequest request, HttpServletRequest http) {
        return logins.signup(request.email(), request.password(), request.name(), clientAddress.of(http))
                .thenApply(user -> new SignupResponse(user.id(), user.email()));
    }

    record ReauthRequest(String password, String code) {}

    record ReauthResponse(Instant reauthenticatedAt, Instant validUntil) {}

    /**
     * Step-up: confirms the password (or a second-factor code: {@code {"code"}}) of the holder of {@code Authorization: Bearer <our ID token>}
     * and records it against that token, so actions needing a recent sign-in are allowed for the
     * next five minutes. Counted against the same sign-in limits as {@code /auth/login}. Tokens of
     * an external issuer have no password here; their holders sign in again at that issuer.
     */
    @PostMapping("/reauth")
    CompletableFuture<ReauthResponse> reauth(
            @RequestBody(required = false) ReauthRequest request, HttpServletRequest http) {
        String authorization = http.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<Jwt> token = authorization != null && authorization.startsWith("Bearer ")
                ? verification.verifyLocal(authorization.substring("Bearer ".length()))
                : Optional.empty();
        if (token.isEmpty()) {
            return CompletableFuture.failedFuture(new DomainException(
                    DomainException.Kind.UNAUTHENTICATED,
                    "unauthenticated",
                    "a valid bearer token of this server is required",
                    null));
        }
        boolean withCode =
                request != null && request.code() != null && !request.code().isEmpty();
        if (!withCode
                && (request == null
                        || request.password() == null
                        || request.password().isEmpty())) {
            return CompletableFuture.failedFuture(
                    DomainException.invalid("password", "password (or code, the second factor) is required"));
        }
        CompletableFuture<?> confirmed = withCode
                ? logins.reauthenticateWithCode(token.get().getSubject(), request.code(), clientAddress.of(http))
                : logins.reauthenticate(token.get().getSubject(), request.password(), clientAddress.of(http));
        return confirmed.thenApply(user -> {
            stepUp.recordReauthentication(token.get());
            Instant now = clock.instant();
            return new ReauthResponse(now, now.plus(StepUp.WINDOW));
        });
    }

    /**
     * Limited per client address and per account; answered asynchronously like sign-up. A user with
     * a second factor also sends {@code code}; without it a right password answers 401 {@code
     * code_required}.
     */
    @PostMapping("/login")
    CompletableFuture<LoginResponse> login(@RequestBody LoginRequest request, HttpServletRequest http) {
        return logins.login(request.email(), request.password(), request.code(), clientAddress.of(http))
                .thenApply(user ->
                        new LoginResponse(signIns.tokenFor(user, http), IdTokenIssuer.LIFETIME.toSeconds(), "Bearer"));
    }
}
