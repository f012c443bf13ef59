package io.vivreal.management.channels;

import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.delivery.DeliveryResult;
import io.vivreal.management.security.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{groupID}/channels}: owners and admins only — channels hold the group's
 * credentials for other services, so even reading them (masked) is an admin's business. Secret
 * settings are write-only: answers carry masked hints.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/channels")
class ChannelsController {

    private final GroupService groups;
    private final ChannelService channels;

    ChannelsController(GroupService groups, ChannelService channels) {
        this.groups = groups;
        this.channels = channels;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(Caller caller, @PathVariable String groupID, @RequestBody Map<String, Object> body) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        return channels.create(membership.group(), caller.userId(), body);
    }

    @GetMapping
    List<Map<String, Object>> list(Caller caller, @PathVariable String groupID) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        return channels.list(membership.group().scope());
    }

    @GetMapping("/{channelId}")
    Map<String, Object> get(Caller caller, @PathVariable String groupID, @PathVariable String channelId) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        return channels.get(membership.group().scope(), channelId);
    }

    @PutMapping("/{channelId}")
    Map<String, Object> update(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String channelId,
            @RequestBody Map<String, Object> body) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        return channels.update(membership.group(), caller.userId(), channelId, body);
    }

    @DeleteMapping("/{channelId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String groupID, @PathVariable String channelId) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        channels.delete(membership.group(), caller.userId(), channelId);
        return ResponseEntity.noContent().build();
    }

    /** Delivers a small test message and reports what the remote answered (always 200 when sent). */
    @PostMapping("/{channelId}/test")
    Map<String, Object> test(Caller caller, @PathVariable String groupID, @PathVariable String channelId) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        DeliveryResult result = channels.test(membership.group(), caller.userId(), channelId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", result.status());
        body.put("remoteStatus", result.remoteStatus());
        if (result.error() != null) {
            body.put("error", result.error());
        }
        return body;
    }
}
