package io.vivreal.management.newsletter;

import io.vivreal.content.subscribers.Subscriptions;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Role;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.management.security.Caller;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{groupID}/subscribers}: owners and admins — the list holds people's
 * addresses. The group comes from the caller's checked membership; another group's subscriber id
 * is not found.
 */
@RestController
@RequestMapping("/api/groups/{groupID}")
class SubscribersController {

    private final GroupService groups;
    private final Subscriptions subscriptions;

    SubscribersController(GroupService groups, Subscriptions subscriptions) {
        this.groups = groups;
        this.subscriptions = subscriptions;
    }

    @GetMapping("/subscribers")
    Map<String, Object> list(
            Caller caller,
            @PathVariable String groupID,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String typeId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String skip) {
        return subscriptions.list(admin(caller, groupID), status, typeId, limit, skip);
    }

    @GetMapping("/subscribers.csv")
    ResponseEntity<byte[]> csv(
            Caller caller,
            @PathVariable String groupID,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String typeId) {
        TenantScope scope = admin(caller, groupID);
        StringBuilder csv = new StringBuilder(SubscriberCsv.HEADER);
        subscriptions.each(scope, status, typeId, subscriber -> csv.append(SubscriberCsv.row(subscriber)));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"subscribers.csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @DeleteMapping("/subscribers/{subscriberId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String groupID, @PathVariable String subscriberId) {
        subscriptions.delete(admin(caller, groupID), caller.userId(), subscriberId);
    }

    private TenantScope admin(Caller caller, String groupID) {
        return groups.requireRole(groupID, caller.userId(), Role.ADMIN).group().scope();
    }
}
