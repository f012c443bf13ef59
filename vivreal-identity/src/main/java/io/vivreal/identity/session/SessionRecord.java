package io.vivreal.identity.session;

import java.time.Instant;

/**
 * One sign-in: who, when it started and was last seen, from where and with what browser. The
 * address and user agent are shown to their owner only, to recognise a session they did not start.
 */
public record SessionRecord(
        String id,
        String userId,
        Instant createdAt,
        Instant lastSeenAt,
        String clientAddress,
        String userAgent,
        Instant expiresAt) {}
