package io.vivreal.core.store;

import java.util.List;

/**
 * Indexes a module declares; each module contributes a bean, and all of them are created when the
 * server starts (and in every new tenant database when it is first used by a new group).
 */
public interface IndexDefinitions {

    default List<IndexSpec> controlPlane() {
        return List.of();
    }

    /** Indexes of collections inside every tenant database; they should lead with {@code groupID}. */
    default List<IndexSpec> tenant() {
        return List.of();
    }
}
