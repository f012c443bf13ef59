package io.vivreal.management.groups;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vivreal.core.apikey.PreviousApiKey;
import io.vivreal.core.audit.AuditEntry;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.RevealedApiKey;
import io.vivreal.core.invitation.Invitation;
import io.vivreal.identity.user.User;
import java.time.Instant;

/** The JSON shapes of the groups routes. None of them carries key material except the key views. */
final class GroupViews {

    private GroupViews() {}

    record CreateGroupRequest(String name, String tier) {}

    record CreatedGroup(
            String groupID, String groupName, String key, String bucketName, String dbKey, String tier, String role) {
        static CreatedGroup of(Membership membership) {
            Group group = membership.group();
            return new CreatedGroup(
                    group.id(),
                    group.name(),
                    group.key(),
                    group.bucketName(),
                    group.dbKey(),
                    group.tier().wireName(),
                    membership.role().wireName());
        }
    }

    record GroupSummary(String groupID, String groupName, String tier, String role) {
        static GroupSummary of(Membership membership) {
            return new GroupSummary(
                    membership.group().id(),
                    membership.group().name(),
                    membership.group().tier().wireName(),
                    membership.role().wireName());
        }
    }

    record GroupDetail(
            String groupID,
            String groupName,
            String key,
            String bucketName,
            String dbKey,
            String tier,
            boolean frozen,
            Instant createdAt,
            int memberCount,
            String role) {
        static GroupDetail of(Membership membership) {
            Group group = membership.group();
            return new GroupDetail(
                    group.id(),
                    group.name(),
                    group.key(),
                    group.bucketName(),
                    group.dbKey(),
                    group.tier().wireName(),
                    group.frozen(),
                    group.createdAt(),
                    group.members().size(),
                    membership.role().wireName());
        }
    }

    /** {@code previous} appears only during a roll's overlap. */
    record ApiKeyView(
            String apiKey,
            String prefix,
            Instant createdAt,
            Instant lastUsedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) PreviousKeyView previous) {
        static ApiKeyView of(RevealedApiKey key) {
            return new ApiKeyView(
                    key.apiKey(), key.prefix(), key.createdAt(), key.lastUsedAt(), PreviousKeyView.of(key.previous()));
        }
    }

    /** The rolled-away key during its overlap: never the key, only what identifies it and its last use. */
    record PreviousKeyView(String prefix, Instant expiresAt, Instant lastUsedAt) {
        static PreviousKeyView of(PreviousApiKey previous) {
            return previous == null
                    ? null
                    : new PreviousKeyView(previous.prefix(), previous.expiresAt(), previous.lastUsedAt());
        }
    }

    record RollRequest(String overlap) {}

    record RolledKeyView(String apiKey, String prefix, Instant createdAt, PreviousKeyView previous) {
        static RolledKeyView of(RevealedApiKey key) {
            return new RolledKeyView(key.apiKey(), key.prefix(), key.createdAt(), PreviousKeyView.of(key.previous()));
        }
    }

    record RegeneratedKeyView(String apiKey, String prefix, Instant createdAt) {
        static RegeneratedKeyView of(RevealedApiKey key) {
            return new RegeneratedKeyView(key.apiKey(), key.prefix(), key.createdAt());
        }
    }

    record MemberRequest(String email, String role) {}

    record RoleRequest(String role) {}

    record MemberView(String userId, String email, String name, String role) {
        static MemberView of(String userId, User user, String role) {
            return new MemberView(userId, user == null ? null : user.email(), user == null ? null : user.name(), role);
        }
    }

    /** A group's invitation as its owners and admins see it (the fixed members route answers one). */
    record InvitationView(
            String invitationId,
            String email,
            String role,
            String status,
            Instant createdAt,
            Instant expiresAt,
            String invitedBy) {
        static InvitationView of(Invitation invitation, Instant now) {
            return new InvitationView(
                    invitation.id(),
                    invitation.email(),
                    invitation.role().wireName(),
                    invitation.statusAt(now),
                    invitation.createdAt(),
                    invitation.expiresAt(),
                    invitation.invitedBy());
        }
    }

    record AuditView(String action, String actor, String entityType, String entityId, Instant at) {
        static AuditView of(AuditEntry entry) {
            return new AuditView(entry.action(), entry.actor(), entry.entityType(), entry.entityId(), entry.at());
        }
    }
}
