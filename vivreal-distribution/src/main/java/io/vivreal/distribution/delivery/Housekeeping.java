package io.vivreal.distribution.delivery;

import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.store.Expiring;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Deletes deliveries past their 30 days. MongoDB's TTL index on {@code expiresAt} does it by
 * itself; the embedded store has none, so the periodic sweep of expiring records runs this too
 * (idempotent), group by group through tenant scopes.
 */
final class Housekeeping implements Expiring {

    private static final int GROUPS_PER_PAGE = 100;

    private final DeliveryRepository deliveries;
    private final GroupRepository groups;
    private final Clock clock;

    Housekeeping(DeliveryRepository deliveries, GroupRepository groups, Clock clock) {
        this.deliveries = deliveries;
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    public long sweepExpired() {
        long deleted = 0;
        Optional<String> after = Optional.empty();
        while (true) {
            List<TenantScope> scopes = groups.tenantScopes(after, GROUPS_PER_PAGE);
            if (scopes.isEmpty()) {
                return deleted;
            }
            for (TenantScope scope : scopes) {
                deleted += deliveries.prune(scope, clock.instant());
            }
            after = Optional.of(scopes.get(scopes.size() - 1).groupID());
        }
    }
}
