package io.vivreal.management.content;

import io.vivreal.content.BsonJson;
import io.vivreal.content.publish.ContentEvents;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Role;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.metering.ApiMeter;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.management.security.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A group's quota use against its tier's limits, and its content events (the distribution outbox). */
@RestController
@RequestMapping("/api/groups/{groupID}")
class UsageController {

    private final GroupService groups;
    private final UsageCounters usage;
    private final ContentEvents events;
    private final ApiMeter meter;

    UsageController(GroupService groups, UsageCounters usage, ContentEvents events, ApiMeter meter) {
        this.groups = groups;
        this.usage = usage;
        this.events = events;
        this.meter = meter;
    }

    /**
     * Quotas against the tier, and the Client API's calls and bytes per day for the last {@code
     * days} (1–90, default 30; UTC days, oldest first, today included).
     */
    @GetMapping("/usage")
    Map<String, Object> usage(
            Caller caller, @PathVariable String groupID, @RequestParam(name = "days", required = false) String days) {
        Group group = groups.requireRole(groupID, caller.userId(), Role.VIEWER).group();
        int count = days(days);
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
        List<Map<String, Object>> daily = new ArrayList<>();
        long calls = 0;
        long bytes = 0;
        for (ApiMeter.Day day : meter.days(group.id(), count)) {
            daily.add(Map.of("date", day.date().toString(), "calls", day.calls(), "bytes", day.bytes()));
            calls += day.calls();
            bytes += day.bytes();
        }
        answer.put("api", Map.of("days", daily, "calls", calls, "bytes", bytes));
        return answer;
    }

    private static int days(String value) {
        if (value == null) {
            return 30;
        }
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= ApiMeter.MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw DomainException.invalid("days", "days must be a whole number from 1 to " + ApiMeter.MAX_DAYS);
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
