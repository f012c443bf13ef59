package io.vivreal.identity.web;

import io.vivreal.core.web.ClientAddress;
import io.vivreal.identity.reset.PasswordResets;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /auth/password-reset}: public, no cookies. Asking always answers 202 with the same body;
 * the link in the mail opens the portal's page, which sends the token here with the new password.
 */
@RestController
@RequestMapping("/auth/password-reset")
class PasswordResetController {

    static final String ACCEPTED =
            "If an account uses this address, a link to choose a new password is on its way; it works once, for"
                    + " 30 minutes.";

    private final PasswordResets resets;
    private final ClientAddress clientAddress;

    PasswordResetController(PasswordResets resets, ClientAddress clientAddress) {
        this.resets = resets;
        this.clientAddress = clientAddress;
    }

    record ResetRequest(String email) {}

    record Accepted(String message) {}

    record Confirm(String token, String password) {}

    record Done(boolean passwordReset) {}

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted request(@RequestBody(required = false) ResetRequest body, HttpServletRequest request) {
        resets.request(body == null ? null : body.email(), clientAddress.of(request));
        return new Accepted(ACCEPTED);
    }

    @PostMapping("/confirm")
    CompletableFuture<Done> confirm(@RequestBody(required = false) Confirm body) {
        Confirm confirm = body == null ? new Confirm(null, null) : body;
        return resets.confirm(confirm.token(), confirm.password()).thenApply(done -> new Done(true));
    }
}
