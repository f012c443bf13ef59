package io.vivreal.identity.web;

import io.vivreal.core.web.ClientAddress;
import io.vivreal.identity.login.LoginService;
import io.vivreal.identity.token.IdTokenIssuer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
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
    private final IdTokenIssuer tokens;
    private final ClientAddress clientAddress;

    AuthController(LoginService logins, IdTokenIssuer tokens, ClientAddress clientAddress) {
        this.logins = logins;
        this.tokens = tokens;
        this.clientAddress = clientAddress;
    }

    record SignupRequest(String email, String password, String name) {}

    record SignupResponse(String userId, String email) {}

    record LoginRequest(String email, String password) {}

    record LoginResponse(String idToken, long expiresIn, String tokenType) {}

    /** Answered asynchronously: the request thread is free while the password is hashed. */
    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    CompletableFuture<SignupResponse> signup(@RequestBody SignupRequest request, HttpServletRequest http) {
        return logins.signup(request.email(), request.password(), request.name(), clientAddress.of(http))
                .thenApply(user -> new SignupResponse(user.id(), user.email()));
    }

    /** Limited per client address and per account; answered asynchronously like sign-up. */
    @PostMapping("/login")
    CompletableFuture<LoginResponse> login(@RequestBody LoginRequest request, HttpServletRequest http) {
        return logins.login(request.email(), request.password(), clientAddress.of(http))
                .thenApply(user -> new LoginResponse(tokens.issue(user), IdTokenIssuer.LIFETIME.toSeconds(), "Bearer"));
    }
}
