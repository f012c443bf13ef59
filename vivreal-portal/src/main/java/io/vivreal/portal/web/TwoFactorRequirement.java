package io.vivreal.portal.web;

import io.vivreal.core.group.GroupSecurity;
import io.vivreal.identity.twofactor.SecondFactor;

/**
 * Whether a group's "require a second factor" policy stops this member from opening its pages.
 * The Management API enforces the same policy for the pages' data (the proxy forwards there); this
 * only decides where the browser goes: to enrolment instead of a page that cannot load.
 */
final class TwoFactorRequirement {

    private final GroupSecurity groupSecurity;
    private final SecondFactor secondFactor;

    TwoFactorRequirement(GroupSecurity groupSecurity, SecondFactor secondFactor) {
        this.groupSecurity = groupSecurity;
        this.secondFactor = secondFactor;
    }

    boolean unmet(String groupId, String userId) {
        return groupSecurity.requiresTwoFactor(groupId, userId) && !secondFactor.enabled(userId);
    }
}
