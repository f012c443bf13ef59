package io.vivreal.management.sites;

import io.vivreal.content.sites.SiteService;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.GroupService;
import io.vivreal.core.group.Membership;
import io.vivreal.core.group.Role;
import io.vivreal.management.security.Caller;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/groups/{groupID}/sites}: any member reads; owners and admins create, replace and
 * delete. The group is the caller's checked membership, so a site id of another group is not
 * found, exactly like a missing one.
 */
@RestController
@RequestMapping("/api/groups/{groupID}/sites")
class SitesController {

    private static final int MAX_PAGE = 100;

    private final GroupService groups;
    private final SiteService sites;

    SitesController(GroupService groups, SiteService sites) {
        this.groups = groups;
        this.sites = sites;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(Caller caller, @PathVariable String groupID, @RequestBody Map<String, Object> body) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        return sites.create(membership.group(), caller.userId(), body).toWire();
    }

    @GetMapping
    List<Map<String, Object>> list(
            Caller caller,
            @PathVariable String groupID,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int skip) {
        Membership membership = groups.requireMember(groupID, caller.userId());
        if (limit < 1 || limit > MAX_PAGE) {
            throw DomainException.invalid("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        if (skip < 0 || skip > 100_000) {
            throw DomainException.invalid("skip", "skip must be between 0 and 100000");
        }
        return sites.list(membership.group().scope(), limit, skip).stream()
                .map(site -> site.toSummary())
                .toList();
    }

    @GetMapping("/{siteId}")
    Map<String, Object> get(Caller caller, @PathVariable String groupID, @PathVariable String siteId) {
        Membership membership = groups.requireMember(groupID, caller.userId());
        return sites.find(membership.group().scope(), siteId)
                .orElseThrow(() -> DomainException.notFound("site"))
                .toWire();
    }

    @PutMapping("/{siteId}")
    Map<String, Object> replace(
            Caller caller,
            @PathVariable String groupID,
            @PathVariable String siteId,
            @RequestBody Map<String, Object> body) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        return sites.update(membership.group(), caller.userId(), siteId, body).toWire();
    }

    @DeleteMapping("/{siteId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String groupID, @PathVariable String siteId) {
        Membership membership = groups.requireRole(groupID, caller.userId(), Role.ADMIN);
        sites.delete(membership.group(), caller.userId(), siteId);
        return ResponseEntity.noContent().build();
    }
}
