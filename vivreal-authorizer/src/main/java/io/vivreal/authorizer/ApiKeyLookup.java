package io.vivreal.authorizer;

import java.util.Optional;

/** Finds the group owning a key hash; the authorizer's only question to the store. */
public interface ApiKeyLookup {

    /**
     * @throws StoreUnavailableException when the store cannot answer; callers must fail closed
     */
    Optional<Tenant> findOwner(String keyHash);

    /** The store could not be reached or did not answer in time. */
    final class StoreUnavailableException extends RuntimeException {
        public StoreUnavailableException(Throwable cause) {
            super("key store unavailable", cause);
        }
    }
}
