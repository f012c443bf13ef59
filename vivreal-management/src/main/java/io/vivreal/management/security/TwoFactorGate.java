package io.vivreal.management.security;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.GroupSecurity;
import io.vivreal.identity.token.IdTokenVerification;
import io.vivreal.identity.twofactor.SecondFactor;
import io.vivreal.identity.user.CurrentUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Every route under {@code /api/groups/{groupID}} of a group that requires a second factor answers
 * 403 {@code two_factor_required} to a member without one — before the controller runs, so no
 * route of the group can forget it (the portal's proxy reaches the same routes and gets the same
 * answer, which sends the person to enrolment).
 *
 * <p>A non-member gets no such answer: the policy query names the member, so another group's id
 * falls through to the route's own 404. Our own tokens pass when the account has a confirmed TOTP
 * (every sign-in since asked for its code); an external issuer's token passes when its {@code amr}
 * claim says that issuer used a second factor ({@code mfa} or {@code otp}, RFC 8176).
 */
final class TwoFactorGate implements HandlerInterceptor {

    private final GroupSecurity groupSecurity;
    private final SecondFactor secondFactor;
    private final CurrentUsers currentUsers;
    private final IdTokenVerification verification;

    TwoFactorGate(
            GroupSecurity groupSecurity,
            SecondFactor secondFactor,
            CurrentUsers currentUsers,
            IdTokenVerification verification) {
        this.groupSecurity = groupSecurity;
        this.secondFactor = secondFactor;
        this.currentUsers = currentUsers;
        this.verification = verification;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Object groupId = variables instanceof Map<?, ?> map ? map.get("groupID") : null;
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(groupId instanceof String id)
                || authentication == null
                || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            return true;
        }
        String userId = currentUsers.userId(jwt);
        if (groupSecurity.requiresTwoFactor(id, userId) && !hasSecondFactor(jwt, userId)) {
            throw new DomainException(
                    DomainException.Kind.FORBIDDEN,
                    "two_factor_required",
                    "this group requires a second factor: set one up (POST /auth/totp/enroll) before opening it",
                    null);
        }
        return true;
    }

    private boolean hasSecondFactor(Jwt jwt, String userId) {
        if (verification.isLocal(jwt)) {
            return secondFactor.enabled(userId);
        }
        List<String> amr = jwt.getClaimAsStringList("amr");
        return amr != null && (amr.contains("mfa") || amr.contains("otp"));
    }
}
