package io.vivreal.core.store;

/**
 * A collection whose records end: rate-limit windows, signed-out tokens. On MongoDB a TTL index
 * ({@link IndexSpec#expiring}) removes them; the embedded store has no TTL monitor, so every
 * instance also sweeps them periodically. A sweep is idempotent and may run on many instances.
 */
public interface Expiring {

    /** Deletes the records that have ended; answers how many. */
    long sweepExpired();
}
