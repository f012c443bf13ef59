package io.vivreal.management.groups;

import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Member;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.core.invitation.InvitationService;
import io.vivreal.identity.stepup.StepUp;
import io.vivreal.identity.user.User;
import io.vivreal.identity.user.UserRepository;
import io.vivreal.management.groups.GroupViews.ApiKeyView;
import io.vivreal.management.groups.GroupViews.AuditView;
import io.vivreal.management.groups.GroupViews.CreateGroupRequest;
import io.vivreal.management.groups.GroupViews.CreatedGroup;
import io.vivreal.management.groups.GroupViews.GroupDetail;
import io.vivreal.management.groups.GroupViews.GroupSummary;
import io.vivreal.management.groups.GroupViews.InvitationView;
import io.vivreal.management.groups.GroupViews.MemberRequest;
import io.vivreal.management.groups.GroupViews.MemberView;
import io.vivreal.management.groups.GroupViews.RegeneratedKeyView;
import io.vivreal.management.groups.GroupViews.RoleRequest;
import io.vivreal.management.groups.GroupViews.RollRequest;
import io.vivreal.management.groups.GroupViews.RolledKeyView;
import io.vivreal.management.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups}: groups, members, the API key and the audit log. The group id in the path
 * only names what the caller asks about; whether the caller may see it is decided by {@link
 * GroupService} from the caller's verified identity.
 */
@RestController
@RequestMapping("/api/groups")
class GroupsController {

    private static final int MAX_AUDIT_PAGE = 200;

    private final GroupService groups;
    private final UserRepository users;
    private final InvitationService invitations;
    private final Clock clock;
    private final StepUp stepUp;

    GroupsController(
            GroupService groups, UserRepository users, InvitationService invitations, Clock clock, StepUp stepUp) {
        this.groups = groups;
        this.users = users;
        this.invitations = invitations;
        this.clock = clock;
        this.stepUp = stepUp;
    }

    /**
     * The role check first (another group stays 404, a weaker role 403), then step-up: a recent
     * authentication is asked only of someone who could do the action.
     */
    private void requireAdminWithRecentAuthentication(Caller caller, String groupID) {
        groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        stepUp.require(caller.token());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedGroup create(Caller caller, @RequestBody CreateGroupRequest request) {
        return CreatedGroup.of(groups.create(caller.userId(), request.name(), request.tier()));
    }

    @GetMapping
    List<GroupSummary> list(Caller caller) {
        return groups.listFor(caller.userId()).stream().map(GroupSummary::of).toList();
    }

    @GetMapping("/{groupID}")
    GroupDetail get(Caller caller, @PathVariable String groupID) {
        return GroupDetail.of(groups.requireMember(groupID, caller.userId()));
    }

    @GetMapping("/{groupID}/api-key")
    ResponseEntity<ApiKeyView> revealKey(Caller caller, @PathVariable String groupID) {
        requireAdminWithRecentAuthentication(caller, groupID);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(ApiKeyView.of(groups.revealKey(groupID, caller.userId())));
    }

    @PostMapping("/{groupID}/api-key/regenerate")
    ResponseEntity<RegeneratedKeyView> regenerateKey(Caller caller, @PathVariable String groupID) {
        requireAdminWithRecentAuthentication(caller, groupID);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(RegeneratedKeyView.of(groups.regenerateKey(groupID, caller.userId())));
    }

    /**
     * Issues a new key while the current one keeps authorizing for {@code overlap} (an ISO-8601
     * duration, e.g. {@code PT24H}; more than zero, at most seven days).
     */
    @PostMapping("/{groupID}/api-key/roll")
    ResponseEntity<RolledKeyView> rollKey(
            Caller caller, @PathVariable String groupID, @RequestBody(required = false) RollRequest request) {
        requireAdminWithRecentAuthentication(caller, groupID);
        Duration overlap = parseOverlap(request == null ? null : request.overlap());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(RolledKeyView.of(groups.rollKey(groupID, caller.userId(), overlap)));
    }

    /** Ends a roll's overlap now; the previous key stops authorizing within one second everywhere. */
    @PostMapping("/{groupID}/api-key/previous/revoke")
    ResponseEntity<Void> revokePreviousKey(Caller caller, @PathVariable String groupID) {
        groups.revokePreviousKey(groupID, caller.userId());
        return ResponseEntity.noContent().build();
    }

    private static Duration parseOverlap(String overlap) {
        if (overlap == null || overlap.isBlank() || overlap.length() > 32) {
            throw DomainException.invalid("overlap", "overlap is required: an ISO-8601 duration such as PT24H");
        }
        try {
            return Duration.parse(overlap);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("overlap", "overlap must be an ISO-8601 duration such as PT24H");
        }
    }

    @GetMapping("/{groupID}/members")
    List<MemberView> members(Caller caller, @PathVariable String groupID) {
        Membership membership = groups.requireMember(groupID, caller.userId());
        List<Member> members = membership.group().members();
        Map<String, User> known =
                users.findAllById(members.stream().map(Member::userId).toList());
        return members.stream()
                .map(m -> MemberView.of(
                        m.userId(), known.get(m.userId()), m.role().wireName()))
                .toList();
    }

    /**
     * Invites the address: the answer is the pending invitation, the same whether or not anyone
     * has an account with it (no account enumeration). The person joins only by accepting while
     * signed in with that address, verified ({@code POST /api/invitations/{id}/accept}).
     */
    @PostMapping("/{groupID}/members")
    @ResponseStatus(HttpStatus.CREATED)
    InvitationView addMember(Caller caller, @PathVariable String groupID, @RequestBody MemberRequest request) {
        Role role = Role.parse(request.role(), "role");
        if (request.email() == null || request.email().isBlank()) {
            throw DomainException.invalid("email", "email is required");
        }
        String inviterName = users.findById(caller.userId()).map(User::name).orElse(null);
        return InvitationView.of(
                invitations.invite(groupID, caller.userId(), inviterName, request.email(), role), clock.instant());
    }

    /** The group's pending invitations (owner, admin). */
    @GetMapping("/{groupID}/invitations")
    List<InvitationView> invitations(Caller caller, @PathVariable String groupID) {
        var now = clock.instant();
        return invitations.pendingInGroup(groupID, caller.userId()).stream()
                .map(invitation -> InvitationView.of(invitation, now))
                .toList();
    }

    /** Revokes a pending invitation of this group; another group's invitation id is not found. */
    @DeleteMapping("/{groupID}/invitations/{invitationId}")
    ResponseEntity<Void> revokeInvitation(
            Caller caller, @PathVariable String groupID, @PathVariable String invitationId) {
        invitations.revoke(groupID, caller.userId(), invitationId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{groupID}/members/{userId}")
    MemberView changeRole(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String userId,
            @RequestBody RoleRequest request) {
        Role role = Role.parse(request.role(), "role");
        requireAdminWithRecentAuthentication(caller, groupID);
        Member member = groups.changeRole(groupID, caller.userId(), userId, role);
        return MemberView.of(
                member.userId(),
                users.findById(userId).orElse(null),
                member.role().wireName());
    }

    @DeleteMapping("/{groupID}/members/{userId}")
    ResponseEntity<Void> removeMember(Caller caller, @PathVariable String groupID, @PathVariable String userId) {
        groups.removeMember(groupID, caller.userId(), userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{groupID}/audit")
    List<AuditView> audit(
            Caller caller,
            @PathVariable String groupID,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int skip) {
        if (limit < 1 || limit > MAX_AUDIT_PAGE) {
            throw DomainException.invalid("limit", "limit must be between 1 and " + MAX_AUDIT_PAGE);
        }
        if (skip < 0) {
            throw DomainException.invalid("skip", "skip must not be negative");
        }
        return groups.audit(groupID, caller.userId(), limit, skip).stream()
                .map(AuditView::of)
                .toList();
    }
}
