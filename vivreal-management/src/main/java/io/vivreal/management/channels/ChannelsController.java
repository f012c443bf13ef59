package io.vivreal.management.channels;

import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.connections.ConnectionService;
import io.vivreal.distribution.delivery.ChannelHealth;
import io.vivreal.distribution.delivery.DeliveryService;
import io.vivreal.identity.stepup.StepUp;
import io.vivreal.management.security.Caller;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * settings are write-only: answers carry masked hints, and each channel's delivery {@code
 * health} and, for a channel that connects to an account (OAuth), its {@code connection}. {@code
 * recover} and {@code enable} act on the channel's deliveries.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/channels")
class ChannelsController {

    private final GroupService groups;
    private final ChannelService channels;
    private final DeliveryService deliveries;
    private final ConnectionService connections;

    private final StepUp stepUp;

    ChannelsController(
            GroupService groups,
            ChannelService channels,
            DeliveryService deliveries,
            ConnectionService connections,
            StepUp stepUp) {
        this.groups = groups;
        this.channels = channels;
        this.deliveries = deliveries;
        this.connections = connections;
        this.stepUp = stepUp;
    }

    /** Every setting name that is a secret for some channel type, and the custom type's secret headers. */
    private static final Set<String> SECRET_SETTINGS = Stream.concat(
                    Arrays.stream(ChannelType.values())
                            .flatMap(type -> type.settings().stream())
                            .filter(ChannelType.Setting::secret)
                            .map(ChannelType.Setting::name),
                    Stream.of(ChannelType.SECRET_HEADERS))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * Setting or changing a channel's secret needs a recent authentication (step-up); other edits
     * (its name, events, a non-secret URL) do not. Checked against every type's secret names, so a
     * body cannot dodge it by leaving out or misnaming its type.
     */
    private void requireStepUpForSecrets(Caller caller, Map<String, Object> body) {
        if (body != null
                && body.get("settings") instanceof Map<?, ?> settings
                && settings.keySet().stream().anyMatch(SECRET_SETTINGS::contains)) {
            stepUp.require(caller.token());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(Caller caller, @PathVariable String groupID, @RequestBody Map<String, Object> body) {
        Membership membership = admin(caller, groupID);
        requireStepUpForSecrets(caller, body);
        return withHealth(membership.group().scope(), channels.create(membership.group(), caller.userId(), body));
    }

    @GetMapping
    List<Map<String, Object>> list(Caller caller, @PathVariable String groupID) {
        TenantScope scope = admin(caller, groupID).group().scope();
        List<Map<String, Object>> found = channels.list(scope);
        Map<String, ChannelHealth> health = deliveries.health(
                scope, found.stream().map(c -> (String) c.get("_id")).toList());
        return found.stream()
                .map(channel ->
                        with(scope, channel, health.getOrDefault((String) channel.get("_id"), ChannelHealth.NEW)))
                .toList();
    }

    @GetMapping("/{channelId}")
    Map<String, Object> get(Caller caller, @PathVariable String groupID, @PathVariable String channelId) {
        TenantScope scope = admin(caller, groupID).group().scope();
        return withHealth(scope, channels.get(scope, channelId));
    }

    @PutMapping("/{channelId}")
    Map<String, Object> update(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String channelId,
            @RequestBody Map<String, Object> body) {
        Membership membership = admin(caller, groupID);
        requireStepUpForSecrets(caller, body);
        return withHealth(
                membership.group().scope(), channels.update(membership.group(), caller.userId(), channelId, body));
    }

    @DeleteMapping("/{channelId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String groupID, @PathVariable String channelId) {
        Membership membership = admin(caller, groupID);
        channels.delete(membership.group(), caller.userId(), channelId);
        connections.forget(membership.group().scope(), channelId);
        return ResponseEntity.noContent().build();
    }

    /** Delivers a small test message and reports what the remote answered (always 200 when sent). */
    @PostMapping("/{channelId}/test")
    Map<String, Object> test(Caller caller, @PathVariable String groupID, @PathVariable String channelId) {
        Membership membership = admin(caller, groupID);
        return deliveries.test(membership.group(), caller.userId(), channelId);
    }

    /** Re-queues the channel's failed deliveries since {@code since}: {@code {"requeued": n}}. */
    @PostMapping("/{channelId}/recover")
    Map<String, Object> recover(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String channelId,
            @RequestBody(required = false) Map<String, Object> body) {
        Membership membership = admin(caller, groupID);
        return deliveries.recover(membership.group(), caller.userId(), channelId, body);
    }

    /** Enables a disabled channel; answers its health. */
    @PostMapping("/{channelId}/enable")
    Map<String, Object> enable(Caller caller, @PathVariable String groupID, @PathVariable String channelId) {
        Membership membership = admin(caller, groupID);
        return deliveries.enable(membership.group(), caller.userId(), channelId);
    }

    private Membership admin(Caller caller, String groupID) {
        return groups.requireRole(groupID, caller.userId(), Role.ADMIN);
    }

    private Map<String, Object> withHealth(TenantScope scope, Map<String, Object> channel) {
        return with(scope, channel, deliveries.health(scope, (String) channel.get("_id")));
    }

    private Map<String, Object> with(TenantScope scope, Map<String, Object> channel, ChannelHealth health) {
        Map<String, Object> answer = new LinkedHashMap<>(channel);
        answer.put("health", health.toWire());
        connections
                .view(scope, (String) channel.get("_id"), (String) channel.get("type"))
                .ifPresent(connection -> answer.put("connection", connection));
        return answer;
    }
}
