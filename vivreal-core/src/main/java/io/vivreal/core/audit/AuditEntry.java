package io.vivreal.core.audit;

import java.time.Instant;

/**
 * One recorded event.
 *
 * @param actor the user id that acted, or {@code operator} for command-line changes
 */
public record AuditEntry(String action, String actor, String entityType, String entityId, Instant at) {}
