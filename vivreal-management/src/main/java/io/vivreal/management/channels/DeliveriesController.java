package io.vivreal.management.channels;

import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.distribution.delivery.DeliveryQuery;
import io.vivreal.distribution.delivery.DeliveryService;
import io.vivreal.management.security.Caller;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{groupID}/deliveries}: the delivery log (owners and admins — answers can
 * quote what a receiver said) and resend. The group comes from the caller's checked membership
 * only; another group's delivery id is not found.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/deliveries")
class DeliveriesController {

    private final GroupService groups;
    private final DeliveryService deliveries;

    DeliveriesController(GroupService groups, DeliveryService deliveries) {
        this.groups = groups;
        this.deliveries = deliveries;
    }

    @GetMapping
    Map<String, Object> list(
            Caller caller,
            @PathVariable String groupID,
            @RequestParam(required = false) String channelId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String eventType,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        Membership membership = admin(caller, groupID);
        return deliveries.list(membership.group(), DeliveryQuery.parse(channelId, status, eventType, limit, cursor));
    }

    @GetMapping("/{deliveryId}")
    Map<String, Object> get(Caller caller, @PathVariable String groupID, @PathVariable String deliveryId) {
        return deliveries.get(admin(caller, groupID).group(), deliveryId);
    }

    /** Sends the delivery again with the same {@code webhook-id}: 202 with the re-queued delivery. */
    @PostMapping("/{deliveryId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> resend(Caller caller, @PathVariable String groupID, @PathVariable String deliveryId) {
        Membership membership = admin(caller, groupID);
        return deliveries.resend(membership.group(), caller.userId(), deliveryId);
    }

    private Membership admin(Caller caller, String groupID) {
        return groups.requireRole(groupID, caller.userId(), Role.ADMIN);
    }
}
