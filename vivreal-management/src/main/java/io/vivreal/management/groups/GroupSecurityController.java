package io.vivreal.management.groups;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.GroupSecurity;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Role;
import io.vivreal.identity.stepup.StepUp;
import io.vivreal.identity.twofactor.SecondFactor;
import io.vivreal.management.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{groupID}/security}: the group's sign-in policy. Any member reads it; only an
 * owner changes it, after step-up, and turning "require a second factor" on needs the owner to
 * have one — an owner cannot lock the group against themselves.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/security")
class GroupSecurityController {

    private final GroupService groups;
    private final GroupSecurity security;
    private final SecondFactor secondFactor;
    private final StepUp stepUp;

    GroupSecurityController(GroupService groups, GroupSecurity security, SecondFactor secondFactor, StepUp stepUp) {
        this.groups = groups;
        this.security = security;
        this.secondFactor = secondFactor;
        this.stepUp = stepUp;
    }

    record SecurityView(boolean requireTwoFactor) {}

    record SecurityRequest(Boolean requireTwoFactor) {}

    @GetMapping
    SecurityView get(Caller caller, @PathVariable String groupID) {
        return new SecurityView(security.requireTwoFactor(groupID, caller.userId()));
    }

    @PutMapping
    SecurityView put(
            Caller caller, @PathVariable String groupID, @RequestBody(required = false) SecurityRequest request) {
        groups.requireRole(groupID, caller.userId(), Role.OWNER);
        stepUp.require(caller.token());
        if (request == null || request.requireTwoFactor() == null) {
            throw DomainException.invalid("requireTwoFactor", "requireTwoFactor is required: true or false");
        }
        if (request.requireTwoFactor() && !secondFactor.enabled(caller.userId())) {
            throw new DomainException(
                    DomainException.Kind.INVALID,
                    "two_factor_not_enabled",
                    "set up your own second factor before requiring one of every member",
                    "requireTwoFactor");
        }
        security.setRequireTwoFactor(groupID, caller.userId(), request.requireTwoFactor());
        return new SecurityView(request.requireTwoFactor());
    }
}
