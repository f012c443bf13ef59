package io.vivreal.identity.web;

import io.vivreal.core.domain.DomainException;
import io.vivreal.identity.verification.EmailVerification;
import io.vivreal.identity.verification.EmailVerificationTokens.Outcome;
import java.net.URI;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /auth/verify-email}: where the verification mail's link lands. {@code GET} (the link
 * itself) marks the address and sends the browser on to the portal, saying only whether it
 * worked; {@code POST {token}} does the same for scripts. The answer never repeats the token, and
 * {@code Referrer-Policy: no-referrer} keeps it out of the next page's requests.
 */
@RestController
@RequestMapping("/auth/verify-email")
class VerifyEmailController {

    private final EmailVerification verification;

    VerifyEmailController(EmailVerification verification) {
        this.verification = verification;
    }

    record TokenRequest(String token) {}

    @GetMapping
    ResponseEntity<Void> follow(@RequestParam(required = false) String token) {
        Outcome outcome = verification.verify(token);
        String result = switch (outcome) {
            case VERIFIED -> "1";
            case EXPIRED -> "expired";
            case INVALID -> "invalid";
        };
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/app/groups?verified=" + result))
                .cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> confirm(@RequestBody TokenRequest request) {
        Outcome outcome = verification.verify(request.token());
        if (outcome == Outcome.EXPIRED) {
            throw new DomainException(
                    DomainException.Kind.INVALID,
                    "token_expired",
                    "this verification link has expired; ask for a new one",
                    "token");
        }
        if (outcome != Outcome.VERIFIED) {
            throw new DomainException(
                    DomainException.Kind.INVALID, "invalid_token", "this verification link is not valid", "token");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("emailVerified", true));
    }
}
