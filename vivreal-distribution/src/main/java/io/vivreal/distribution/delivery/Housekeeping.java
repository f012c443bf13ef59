package io.vivreal.distribution.delivery;

import io.vivreal.content.publish.ContentEvents;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Deletes events and deliveries past their 30 days. MongoDB's TTL indexes do it by themselves;
 * the embedded store has none, so every instance runs this hourly (idempotent), group by group
 * through tenant scopes.
 */
final class Housekeeping {

    private static final int GROUPS_PER_PAGE = 100;

    private final ContentEvents events;
    private final DeliveryRepository deliveries;
    private final GroupRepository groups;
    private final Clock clock;

    Housekeeping(ContentEvents events, DeliveryRepository deliveries, GroupRepository groups, Clock clock) {
        this.events = events;
        this.deliveries = deliveries;
        this.groups = groups;
        this.clock = clock;
    }

    void prune() {
        events.prune();
        Optional<String> after = Optional.empty();
        while (true) {
            List<TenantScope> scopes = groups.tenantScopes(after, GROUPS_PER_PAGE);
            if (scopes.isEmpty()) {
                return;
            }
            for (TenantScope scope : scopes) {
                deliveries.prune(scope, clock.instant());
            }
            after = Optional.of(scopes.get(scopes.size() - 1).groupID());
        }
    }
}
