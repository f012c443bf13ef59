package io.vivreal.identity.web;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.GroupSecurity;
import io.vivreal.identity.stepup.StepUp;
import io.vivreal.identity.token.IdTokenVerification;
import io.vivreal.identity.twofactor.SecondFactor;
import io.vivreal.identity.user.User;
import io.vivreal.identity.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /auth/totp}: the signed-in holder of one of our ID tokens enrols a second factor, confirms
 * it, reads whether it is on, and turns it off. Replacing or removing a second factor that is
 * already on needs step-up (a stolen token must not be enough to swap the factor that protects the
 * account); confirming a code counts as a fresh authentication.
 */
@RestController
@RequestMapping("/auth/totp")
class TwoFactorController {

    private final IdTokenVerification verification;
    private final UserService users;
    private final SecondFactor secondFactor;
    private final StepUp stepUp;
    private final GroupSecurity groupSecurity;

    TwoFactorController(
            IdTokenVerification verification,
            UserService users,
            SecondFactor secondFactor,
            StepUp stepUp,
            GroupSecurity groupSecurity) {
        this.verification = verification;
        this.users = users;
        this.secondFactor = secondFactor;
        this.stepUp = stepUp;
        this.groupSecurity = groupSecurity;
    }

    record ConfirmRequest(String code) {}

    record ConfirmResponse(List<String> recoveryCodes) {}

    record StatusResponse(boolean enabled, int recoveryCodesLeft, boolean requiredByGroup) {}

    @GetMapping
    ResponseEntity<StatusResponse> status(HttpServletRequest http) {
        User user = user(token(http));
        boolean enabled = secondFactor.enabled(user.id());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new StatusResponse(
                        enabled,
                        enabled ? secondFactor.recoveryCodesLeft(user.id()) : 0,
                        groupSecurity.anyRequiresTwoFactor(user.id())));
    }

    /** A new secret, pending until confirmed; step-up first when one is already on. */
    @PostMapping("/enroll")
    ResponseEntity<SecondFactor.Enrollment> enroll(HttpServletRequest http) {
        Jwt token = token(http);
        User user = user(token);
        if (secondFactor.enabled(user.id())) {
            stepUp.require(token);
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(secondFactor.enroll(user.id(), user.email()));
    }

    /** Turns the pending secret on with a code from it; answers the ten recovery codes, once. */
    @PostMapping("/confirm")
    ResponseEntity<ConfirmResponse> confirm(
            @RequestBody(required = false) ConfirmRequest request, HttpServletRequest http) {
        Jwt token = token(http);
        User user = user(token);
        List<String> codes = secondFactor.confirm(user.id(), request == null ? null : request.code());
        stepUp.recordReauthentication(token);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new ConfirmResponse(codes));
    }

    /** Turns the second factor off (step-up), unless a group the user belongs to requires it. */
    @DeleteMapping
    ResponseEntity<Void> disable(HttpServletRequest http) {
        Jwt token = token(http);
        User user = user(token);
        stepUp.require(token);
        if (groupSecurity.anyRequiresTwoFactor(user.id())) {
            throw DomainException.conflict(
                    "required_by_group", "a group you belong to requires a second factor; leave it first");
        }
        secondFactor.disable(user.id());
        return ResponseEntity.noContent().build();
    }

    private Jwt token(HttpServletRequest http) {
        String authorization = http.getHeader(HttpHeaders.AUTHORIZATION);
        return (authorization != null && authorization.startsWith("Bearer ")
                        ? verification.verifyLocal(authorization.substring("Bearer ".length()))
                        : Optional.<Jwt>empty())
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.UNAUTHENTICATED,
                        "unauthenticated",
                        "a valid bearer token of this server is required",
                        null));
    }

    private User user(Jwt token) {
        return users.byId(token.getSubject())
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.UNAUTHENTICATED, "unauthenticated", "the account no longer exists", null));
    }
}
