package io.vivreal.management.content;

import io.vivreal.content.BsonJson;
import io.vivreal.content.publish.ContentEvents;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Role;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.management.security.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A group's quota use against its tier's limits, and its content events (the distribution outbox). */
@RestController
@RequestMapping("/api/groups/{groupID}")
class UsageController {

    private final GroupService groups;
    private final UsageCounters usage;
    private final ContentEvents events;

    UsageController(GroupService groups, UsageCounters usage, ContentEvents events) {
        this.groups = groups;
        this.usage = usage;
        this.events = events;
    }

    @GetMapping("/usage")
    Map<String, Object> usage(Caller caller, @PathVariable String groupID) {
        Group group = groups.requireRole(groupID, caller.userId(), Role.VIEWER).group();
        TierLimits limits = TierLimits.of(group.tier());
        Map<String, Object> quotas = new LinkedHashMap<>();
        for (Quota quota : List.of(Quota.CONTENT_ITEMS, Quota.CONTENT_TYPES, Quota.SEATS, Quota.MEDIA_BYTES)) {
            long used = quota == Quota.SEATS ? group.members().size() : usage.used(group.id(), quota);
            long limit = limits.limit(quota);
            quotas.put(quota.wireName(), Map.of("used", used, "limit", limit == Long.MAX_VALUE ? -1 : limit));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tier", group.tier().wireName());
        answer.put("quotas", quotas);
        return answer;
    }

    @GetMapping("/events")
    List<Map<String, Object>> events(Caller caller, @PathVariable String groupID) {
        Group group = groups.requireRole(groupID, caller.userId(), Role.ADMIN).group();
        return events.forGroup(group.id(), 100).stream()
                .map(UsageController::event)
                .toList();
    }

    private static Map<String, Object> event(Document event) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("type", event.getString("type"));
        wire.put("itemId", event.getString("itemId"));
        wire.put("collectionId", event.getString("collectionId"));
        wire.put("publishDate", BsonJson.date(event.getDate("publishDate")));
        wire.put("createdAt", BsonJson.date(event.getDate("createdAt")));
        return wire;
    }
}
