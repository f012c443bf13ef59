package io.vivreal.identity.web;

import io.vivreal.core.domain.DomainException;
import io.vivreal.identity.token.IdTokenIssuer;
import io.vivreal.identity.user.User;
import io.vivreal.identity.user.UserService;
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

    private final UserService users;
    private final IdTokenIssuer tokens;

    AuthController(UserService users, IdTokenIssuer tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    record SignupRequest(String email, String password, String name) {}

    record SignupResponse(String userId, String email) {}

    record LoginRequest(String email, String password) {}

    record LoginResponse(String idToken, long expiresIn, String tokenType) {}

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    SignupResponse signup(@RequestBody SignupRequest request) {
        User user = users.signup(request.email(), request.password(), request.name());
        return new SignupResponse(user.id(), user.email());
    }

    @PostMapping("/login")
    LoginResponse login(@RequestBody LoginRequest request) {
        User user = users.authenticate(request.email(), request.password())
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.UNAUTHENTICATED,
                        "invalid_credentials",
                        "email or password is wrong",
                        null));
        return new LoginResponse(tokens.issue(user), IdTokenIssuer.LIFETIME.toSeconds(), "Bearer");
    }
}
