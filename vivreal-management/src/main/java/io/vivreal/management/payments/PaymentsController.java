package io.vivreal.management.payments;

import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Role;
import io.vivreal.distribution.payments.StripeConnections;
import io.vivreal.identity.stepup.StepUp;
import io.vivreal.management.security.Caller;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{groupID}/payments/stripe}: only the group's owners. Connecting hands over a
 * key that can move the group's money, so it also needs a recent sign-in (step-up, {@code 401
 * reauth_required}), asked only of someone who is an owner — another group stays 404, a weaker role
 * 403. The answer never carries the key or the webhook secret.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/payments/stripe")
class PaymentsController {

    private final GroupService groups;
    private final StripeConnections connections;
    private final StepUp stepUp;

    PaymentsController(GroupService groups, StripeConnections connections, StepUp stepUp) {
        this.groups = groups;
        this.connections = connections;
        this.stepUp = stepUp;
    }

    private Group owned(Caller caller, String groupID) {
        return groups.requireRole(groupID, caller.userId(), Role.OWNER).group();
    }

    @PutMapping
    ResponseEntity<Map<String, Object>> connect(
            Caller caller, @PathVariable String groupID, @RequestBody(required = false) Map<String, Object> body) {
        Group group = owned(caller, groupID);
        stepUp.require(caller.token());
        return noStore(connections.connect(group, caller.userId(), body));
    }

    @GetMapping
    ResponseEntity<Map<String, Object>> status(Caller caller, @PathVariable String groupID) {
        return noStore(connections.status(owned(caller, groupID)));
    }

    @PostMapping("/sync")
    ResponseEntity<Map<String, Object>> sync(Caller caller, @PathVariable String groupID) {
        return noStore(connections.sync(owned(caller, groupID)));
    }

    @DeleteMapping
    ResponseEntity<Void> disconnect(Caller caller, @PathVariable String groupID) {
        connections.disconnect(owned(caller, groupID), caller.userId());
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Map<String, Object>> noStore(Map<String, Object> body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
