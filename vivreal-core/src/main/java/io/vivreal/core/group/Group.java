package io.vivreal.core.group;

import io.vivreal.core.tenancy.TenantScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A group as stored in the control plane, without its key material.
 *
 * @param key the URL-safe slug, also the media {@code bucketName}
 * @param revision bumped by every membership change; compare-and-set guards and the portal's
 *     context cookie use it
 */
public record Group(
        String id,
        String name,
        String key,
        String dbKey,
        Tier tier,
        boolean frozen,
        Instant createdAt,
        List<Member> members,
        long revision) {

    public Optional<Member> member(String userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
    }

    public long ownerCount() {
        return members.stream().filter(m -> m.role() == Role.OWNER).count();
    }

    public String bucketName() {
        return key;
    }

    public TenantScope scope() {
        return new TenantScope(id, dbKey);
    }
}
