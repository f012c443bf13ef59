package io.vivreal.management.feeds;

import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Role;
import io.vivreal.distribution.feeds.FeedService;
import io.vivreal.management.security.Caller;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A content type's feed: owners and admins read and change it (editors and viewers 403); the
 * group comes from {@link GroupService#requireRole} (404 when not the caller's) and the type is
 * looked up inside it (another group's type id is 404).
 */
@RestController
@RequestMapping("/api/groups/{groupID}/content-types/{typeId}/feed")
class FeedSettingsController {

    private final GroupService groups;
    private final FeedService feeds;

    FeedSettingsController(GroupService groups, FeedService feeds) {
        this.groups = groups;
        this.feeds = feeds;
    }

    private Group group(Caller caller, String groupID) {
        return groups.requireRole(groupID, caller.userId(), Role.ADMIN).group();
    }

    @GetMapping
    Map<String, Object> get(Caller caller, @PathVariable String groupID, @PathVariable String typeId) {
        return feeds.get(group(caller, groupID), typeId);
    }

    @PutMapping
    Map<String, Object> put(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String typeId,
            @RequestBody Map<String, Object> body) {
        return feeds.configure(group(caller, groupID), caller.userId(), typeId, body);
    }
}
