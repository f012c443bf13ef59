package io.vivreal.content.publish;

/**
 * Published in-process when this instance recorded a new event in the outbox, so the distribution
 * engine can fan it out at once instead of at its next sweep. Losing it loses nothing: the
 * outbox itself is the durable record.
 */
public record ContentEventRecorded(String eventId) {}
