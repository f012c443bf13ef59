package io.vivreal.core.invitation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.core.invitation.Invitation.Status;
import io.vivreal.core.mail.EmailAddresses;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;

/**
 * Invite, list, revoke, accept, decline.
 *
 * <p>Group-side operations start from {@link GroupService#requireRole}, so the group is the
 * caller's checked membership and an invitation is looked up only within it. Person-side
 * operations take the caller's <em>verified</em> address (or none): an invitation that is not for
 * that address is "not found", exactly like a missing one. Accepting goes through {@link
 * GroupService#addInvited}, where the seat quota and "already a member" hold; if that refuses,
 * the invitation is pending again and nothing changed.
 */
public final class InvitationService {

    public static final Duration LIFETIME = Duration.ofDays(7);
    static final int MAX_LISTED = 200;
    /** Invitation mails one group may send per hour: the product must not become a way to mail strangers in bulk. */
    public static final int PER_GROUP_PER_HOUR = 30;

    private final InvitationRepository invitations;
    private final GroupService groups;
    private final GroupRepository groupRepository;
    private final AuditLog audit;
    private final InvitationMails mails;
    private final RateLimiter limiter;
    private final Clock clock;

    InvitationService(
            InvitationRepository invitations,
            GroupService groups,
            GroupRepository groupRepository,
            AuditLog audit,
            InvitationMails mails,
            RateLimiter limiter,
            Clock clock) {
        this.invitations = invitations;
        this.groups = groups;
        this.groupRepository = groupRepository;
        this.audit = audit;
        this.mails = mails;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** An open invitation with the group it is for, as its invitee sees it. */
    public record Received(Invitation invitation, String groupName) {}

    /**
     * Records a pending invitation (replacing an open one for the same address) and mails it. The
     * answer does not depend on whether anyone has an account with this address.
     */
    public Invitation invite(String groupId, String actorId, String actorName, String rawEmail, Role role) {
        Membership actor = groups.requireRole(groupId, actorId, Role.ADMIN);
        GroupService.requireOwnerToGrant(actor, role);
        if (!EmailAddresses.valid(rawEmail)) {
            throw DomainException.invalid("email", "email must be a valid address");
        }
        String email = EmailAddresses.normalise(rawEmail);
        Group group = actor.group();
        RateLimiter.Decision decision =
                limiter.attempt("invitations:group:" + group.id(), PER_GROUP_PER_HOUR, Duration.ofHours(1));
        if (!decision.allowed()) {
            throw new RateLimitedException(
                    "this group sent " + PER_GROUP_PER_HOUR + " invitations in the last hour; try again later",
                    decision.retryAfter());
        }
        Instant now = clock.instant();
        for (int attempt = 1; ; attempt++) {
            Invitation invitation = new Invitation(
                    new ObjectId().toHexString(),
                    group.id(),
                    email,
                    role,
                    actorId,
                    now,
                    now.plus(LIFETIME),
                    Status.PENDING);
            invitations.replaceOpen(group.id(), email);
            try {
                invitations.insert(invitation);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY && attempt < 3) {
                    continue; // another admin invited the same address at this moment: replace theirs
                }
                throw e;
            }
            audit.record(group.scope(), "invitation.created", actorId, "invitation", invitation.id());
            mails.send(invitation, group.name(), actorName);
            return invitation;
        }
    }

    public List<Invitation> pendingInGroup(String groupId, String actorId) {
        Membership actor = groups.requireRole(groupId, actorId, Role.ADMIN);
        return invitations.pendingInGroup(actor.group().id(), MAX_LISTED);
    }

    public void revoke(String groupId, String actorId, String invitationId) {
        Membership actor = groups.requireRole(groupId, actorId, Role.ADMIN);
        Invitation invitation = invitations
                .findInGroup(actor.group().id(), invitationId)
                .orElseThrow(() -> DomainException.notFound("invitation"));
        if (invitation.status() != Status.PENDING
                || !invitations.transition(invitation.id(), Status.PENDING, Status.REVOKED)) {
            throw closed(invitation);
        }
        audit.record(actor.group().scope(), "invitation.revoked", actorId, "invitation", invitation.id());
    }

    /** The open invitations for the caller's verified address; none for an unverified one. */
    public List<Received> openFor(Optional<String> verifiedEmail) {
        if (verifiedEmail.isEmpty()) {
            return List.of();
        }
        List<Received> received = new ArrayList<>();
        for (Invitation invitation :
                invitations.pendingFor(EmailAddresses.normalise(verifiedEmail.get()), clock.instant(), MAX_LISTED)) {
            groupRepository
                    .findById(invitation.groupId())
                    .ifPresent(group -> received.add(new Received(invitation, group.name())));
        }
        return received;
    }

    public Membership accept(String invitationId, String userId, Optional<String> verifiedEmail) {
        Invitation invitation = mine(invitationId, verifiedEmail);
        requireOpen(invitation);
        if (!invitations.transition(invitation.id(), Status.PENDING, Status.ACCEPTING)) {
            throw closed(invitations.findById(invitation.id()).orElse(invitation));
        }
        Membership joined;
        try {
            joined = groups.addInvited(invitation.groupId(), userId, invitation.role());
        } catch (RuntimeException e) {
            invitations.transition(invitation.id(), Status.ACCEPTING, Status.PENDING);
            throw e;
        }
        invitations.transition(invitation.id(), Status.ACCEPTING, Status.ACCEPTED);
        audit.record(joined.group().scope(), "invitation.accepted", userId, "invitation", invitation.id());
        return joined;
    }

    public void decline(String invitationId, String userId, Optional<String> verifiedEmail) {
        Invitation invitation = mine(invitationId, verifiedEmail);
        requireOpen(invitation);
        if (!invitations.transition(invitation.id(), Status.PENDING, Status.DECLINED)) {
            throw closed(invitations.findById(invitation.id()).orElse(invitation));
        }
        groupRepository
                .findById(invitation.groupId())
                .ifPresent(group ->
                        audit.record(group.scope(), "invitation.declined", userId, "invitation", invitation.id()));
    }

    private Invitation mine(String invitationId, Optional<String> verifiedEmail) {
        if (verifiedEmail.isEmpty()) {
            throw new DomainException(
                    DomainException.Kind.FORBIDDEN,
                    "email_unverified",
                    "confirm your e-mail address first (the link in the verification mail)",
                    null);
        }
        String email = EmailAddresses.normalise(verifiedEmail.get());
        return invitations
                .findById(invitationId)
                .filter(invitation -> invitation.email().equals(email))
                .orElseThrow(() -> DomainException.notFound("invitation"));
    }

    private void requireOpen(Invitation invitation) {
        if (invitation.status() != Status.PENDING) {
            throw closed(invitation);
        }
        if (invitation.expired(clock.instant())) {
            throw DomainException.conflict("invitation_expired", "this invitation has expired; ask for a new one");
        }
    }

    private static DomainException closed(Invitation invitation) {
        return DomainException.conflict(
                "invitation_closed",
                "this invitation was already " + invitation.status().wireName());
    }
}
