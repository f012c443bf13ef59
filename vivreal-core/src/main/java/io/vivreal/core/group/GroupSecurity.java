package io.vivreal.core.group;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.store.ControlPlane;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A group's sign-in policy: whether every member must have a second factor ({@code
 * security.requireTwoFactor} on the group's control-plane document).
 *
 * <p>The flag is read on every Management API request to the group, so the check is one query by
 * id that also names the member: a group the caller does not belong to answers "not required" and
 * the usual 404 follows from the group's own routes, never a hint that the group exists. Whether
 * the member <em>has</em> a second factor is the identity module's business; this class only knows
 * the policy, and the owner-has-TOTP precondition of turning it on is checked by the caller.
 */
public final class GroupSecurity {

    static final String REQUIRE_TWO_FACTOR = "security.requireTwoFactor";

    private final MongoCollection<Document> groups;
    private final GroupService service;
    private final AuditLog audit;

    public GroupSecurity(ControlPlane controlPlane, GroupService service, AuditLog audit) {
        this.groups = controlPlane.collection(GroupRepository.COLLECTION);
        this.service = service;
        this.audit = audit;
    }

    /** Whether {@code groupId} exists, has {@code userId} as a member and requires a second factor. */
    public boolean requiresTwoFactor(String groupId, String userId) {
        if (groupId == null || !ObjectId.isValid(groupId) || userId == null) {
            return false;
        }
        // asked on every Management API request: by _id alone, which the embedded store serves from
        // its index (a query on more fields scans every group), and the rest checked here
        Document group = groups.find(eq("_id", new ObjectId(groupId)))
                .projection(Projections.include("members.userId", REQUIRE_TWO_FACTOR))
                .first();
        if (group == null
                || !(group.get("security") instanceof Document security)
                || !Boolean.TRUE.equals(security.get("requireTwoFactor"))) {
            return false;
        }
        return group.getList("members", Document.class, List.of()).stream()
                .anyMatch(member -> userId.equals(member.get("userId")));
    }

    /** Whether any group {@code userId} belongs to requires a second factor (then it cannot be turned off). */
    public boolean anyRequiresTwoFactor(String userId) {
        return groups.find(and(eq("members.userId", userId), eq(REQUIRE_TWO_FACTOR, true)))
                        .projection(Projections.include("_id"))
                        .first()
                != null;
    }

    /** The group's policy, for any member to read. */
    public boolean requireTwoFactor(String groupId, String userId) {
        service.requireMember(groupId, userId);
        return requiresTwoFactor(groupId, userId);
    }

    /** Sets the policy; owner only. Audited as {@code security.two_factor_required|optional}. */
    public void setRequireTwoFactor(String groupId, String actorId, boolean required) {
        Membership owner = service.requireRole(groupId, actorId, Role.OWNER);
        groups.updateOne(eq("_id", new ObjectId(groupId)), Updates.set(REQUIRE_TWO_FACTOR, required));
        audit.record(
                owner.group().scope(),
                required ? "security.two_factor_required" : "security.two_factor_optional",
                actorId,
                "group",
                groupId);
    }
}
