package io.vivreal.core.invitation;

import io.vivreal.core.group.Role;
import java.time.Instant;

/** One invitation of one address to one group, with the role it grants when accepted. */
public record Invitation(
        String id,
        String groupId,
        String email,
        Role role,
        String invitedBy,
        Instant createdAt,
        Instant expiresAt,
        Status status) {

    public enum Status {
        PENDING,
        /** Being turned into a membership right now; back to pending if that fails. */
        ACCEPTING,
        ACCEPTED,
        DECLINED,
        REVOKED,
        /** A newer invitation of the same address to the same group took its place. */
        REPLACED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** What a reader sees: a pending invitation past its expiry is "expired". */
    public String statusAt(Instant now) {
        return status == Status.PENDING && expired(now) ? "expired" : status.wireName();
    }
}
