package io.vivreal.portal.auth;

import java.time.Instant;

/**
 * What the {@code active_ctx} cookie carries: the group a portal user is working in, with the role
 * and tier they had when it was signed. {@code membershipVersion} is the member's version at
 * signing; a later role change or removal makes it stale.
 */
public record ActiveContext(
        String sub,
        String groupID,
        String dbKey,
        String bucketName,
        String role,
        String tier,
        long membershipVersion,
        Instant expiresAt) {}
