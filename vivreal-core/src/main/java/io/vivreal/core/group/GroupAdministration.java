package io.vivreal.core.group;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;

/**
 * Operator changes made from the command line ({@code ./vivreal admin ...}): a group's tier and
 * its frozen flag. Both bump the group's revision and are audited with the actor {@code operator}.
 * A frozen group's Client API answers 402 on every instance within the authorizer cache lifetime.
 */
public final class GroupAdministration {

    public static final String OPERATOR = "operator";

    private final GroupRepository groups;
    private final AuditLog audit;

    public GroupAdministration(GroupRepository groups, AuditLog audit) {
        this.groups = groups;
        this.audit = audit;
    }

    /** Sets the tier. The database chosen when the group was created does not move. */
    public Group setTier(String groupRef, Tier tier) {
        Group group = resolve(groupRef);
        groups.setTier(group.id(), tier);
        audit.record(group.scope(), "group.tier_changed", OPERATOR, "group", group.id());
        return resolve(group.id());
    }

    public Group setFrozen(String groupRef, boolean frozen) {
        Group group = resolve(groupRef);
        groups.setFrozen(group.id(), frozen);
        audit.record(group.scope(), frozen ? "group.frozen" : "group.unfrozen", OPERATOR, "group", group.id());
        return resolve(group.id());
    }

    /** A group by id or by key. */
    public Group resolve(String groupRef) {
        return groups.findById(groupRef)
                .or(() -> groups.findByKey(groupRef))
                .orElseThrow(() -> DomainException.notFound("group '" + groupRef + "'"));
    }
}
