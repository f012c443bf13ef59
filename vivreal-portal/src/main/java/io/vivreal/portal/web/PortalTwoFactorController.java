package io.vivreal.portal.web;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.GroupSecurity;
import io.vivreal.identity.stepup.StepUp;
import io.vivreal.identity.twofactor.SecondFactor;
import io.vivreal.identity.user.User;
import io.vivreal.identity.user.UserService;
import io.vivreal.portal.auth.PortalSessions;
import io.vivreal.portal.auth.PortalSessions.Login;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portal's "Two-factor" page routes ({@code /app/api/two-factor}): the same rules as {@code
 * /auth/totp} — step-up before replacing or removing a factor that is on, confirmation counts as a
 * fresh authentication, no turning it off while a group requires it — for the session cookie, with
 * the CSRF check on every state-changing route.
 */
@RestController
@RequestMapping("/app/api/two-factor")
class PortalTwoFactorController {

    private final PortalSessions sessions;
    private final UserService users;
    private final SecondFactor secondFactor;
    private final StepUp stepUp;
    private final GroupSecurity groupSecurity;

    PortalTwoFactorController(
            PortalSessions sessions,
            UserService users,
            SecondFactor secondFactor,
            StepUp stepUp,
            GroupSecurity groupSecurity) {
        this.sessions = sessions;
        this.users = users;
        this.secondFactor = secondFactor;
        this.stepUp = stepUp;
        this.groupSecurity = groupSecurity;
    }

    record ConfirmRequest(String code) {}

    @GetMapping
    ResponseEntity<Object> status(HttpServletRequest request) {
        Optional<Login> login = sessions.login(request);
        if (login.isEmpty()) {
            return PortalAuthController.unauthenticated();
        }
        String userId = login.get().userId();
        boolean enabled = secondFactor.enabled(userId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", enabled);
        body.put("recoveryCodesLeft", enabled ? secondFactor.recoveryCodesLeft(userId) : 0);
        body.put("requiredByGroup", groupSecurity.anyRequiresTwoFactor(userId));
        return noStore(body);
    }

    @PostMapping("/enroll")
    ResponseEntity<Object> enroll(HttpServletRequest request) {
        Optional<Login> login = sessions.login(request);
        if (login.isEmpty()) {
            return PortalAuthController.unauthenticated();
        }
        if (!sessions.csrfValid(request, login)) {
            return PortalAuthController.csrfRefused();
        }
        User user = user(login.get());
        if (secondFactor.enabled(user.id())) {
            stepUp.require(login.get().jwt());
        }
        return noStore(secondFactor.enroll(user.id(), user.email()));
    }

    @PostMapping("/confirm")
    ResponseEntity<Object> confirm(@RequestBody(required = false) ConfirmRequest body, HttpServletRequest request) {
        Optional<Login> login = sessions.login(request);
        if (login.isEmpty()) {
            return PortalAuthController.unauthenticated();
        }
        if (!sessions.csrfValid(request, login)) {
            return PortalAuthController.csrfRefused();
        }
        var codes = secondFactor.confirm(login.get().userId(), body == null ? null : body.code());
        stepUp.recordReauthentication(login.get().jwt());
        return noStore(Map.of("recoveryCodes", codes));
    }

    @DeleteMapping
    ResponseEntity<Object> disable(HttpServletRequest request) {
        Optional<Login> login = sessions.login(request);
        if (login.isEmpty()) {
            return PortalAuthController.unauthenticated();
        }
        if (!sessions.csrfValid(request, login)) {
            return PortalAuthController.csrfRefused();
        }
        stepUp.require(login.get().jwt());
        if (groupSecurity.anyRequiresTwoFactor(login.get().userId())) {
            throw DomainException.conflict(
                    "required_by_group", "a group you belong to requires a second factor; leave it first");
        }
        secondFactor.disable(login.get().userId());
        return noStore(Map.of("enabled", false));
    }

    private User user(Login login) {
        return users.byId(login.userId())
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.UNAUTHENTICATED, "unauthenticated", "the account no longer exists", null));
    }

    private static ResponseEntity<Object> noStore(Object body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
