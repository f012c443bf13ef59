package io.vivreal.core.group;

import java.time.Instant;

/** One user's membership in a group. */
public record Member(String userId, Role role, Instant addedAt) {}
