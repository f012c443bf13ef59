package io.vivreal.management.channels;

import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.distribution.connections.ConnectionService;
import io.vivreal.management.security.Caller;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{groupID}/channels/{channelId}/connect} and {@code .../connection}: owners
 * and admins connect a channel to an account through its OAuth provider, or disconnect it. The
 * answer to {@code connect} is the provider's URL for the member's browser; the provider sends it
 * back to {@code /auth/connections/callback}.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/channels/{channelId}")
class ConnectionsController {

    private final GroupService groups;
    private final ConnectionService connections;

    ConnectionsController(GroupService groups, ConnectionService connections) {
        this.groups = groups;
        this.connections = connections;
    }

    @PostMapping("/connect")
    ResponseEntity<Map<String, Object>> connect(
            Caller caller, @PathVariable String groupID, @PathVariable String channelId) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        String url = connections.start(membership.group(), caller.userId(), channelId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("authorizeUrl", url));
    }

    @DeleteMapping("/connection")
    ResponseEntity<Void> disconnect(Caller caller, @PathVariable String groupID, @PathVariable String channelId) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        connections.disconnect(membership.group(), caller.userId(), channelId);
        return ResponseEntity.noContent().build();
    }
}
