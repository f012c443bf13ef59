package io.vivreal.core.group;

import java.time.Instant;

/**
 * One user's membership in a group.
 *
 * @param version the group revision at which this membership was created or its role last changed;
 *     it only grows (also across removal and re-adding), so a portal context signed for an older
 *     version can be recognised as stale at once
 */
public record Member(String userId, Role role, Instant addedAt, long version) {}
