package io.vivreal.content.sites;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.types.ObjectId;

/**
 * A group's sites. Callers authorise first and pass the group from the caller's checked
 * membership (Management API) or the scope from the authorizer's context (Client API); a site id
 * of another group, or one that is not an id at all, is simply not found.
 */
public final class SiteService {

    private final SiteRepository repository;
    private final SiteValidator validator;
    private final AuditLog audit;
    private final Clock clock;
    private final UsageCounters usage;

    public SiteService(
            SiteRepository repository, SiteValidator validator, AuditLog audit, Clock clock, UsageCounters usage) {
        this.repository = repository;
        this.validator = validator;
        this.audit = audit;
        this.clock = clock;
        this.usage = usage;
    }

    public Site create(Group group, String userId, Map<?, ?> raw) {
        TenantScope scope = group.scope();
        SiteContent content = validator.validate(scope, raw);
        Instant now = clock.instant();
        Site site = new Site(new ObjectId().toHexString(), group.id(), content, now, now);
        usage.acquire(scope, group.tier(), Quota.SITES, 1);
        try {
            repository.insert(scope, site);
        } catch (RuntimeException e) {
            usage.release(group.id(), Quota.SITES, 1);
            throw e;
        }
        audit.record(scope, "site.created", userId, "site", site.id());
        return site;
    }

    public Site update(Group group, String userId, String siteId, Map<?, ?> raw) {
        TenantScope scope = group.scope();
        Site existing = find(scope, siteId).orElseThrow(() -> DomainException.notFound("site"));
        SiteContent content = validator.validate(scope, raw);
        Instant now = clock.instant();
        if (!repository.replace(scope, siteId, content, now)) {
            throw DomainException.notFound("site");
        }
        audit.record(scope, "site.updated", userId, "site", siteId);
        return new Site(siteId, existing.groupID(), content, existing.createdAt(), now);
    }

    public void delete(Group group, String userId, String siteId) {
        if (!repository.delete(group.scope(), siteId)) {
            throw DomainException.notFound("site");
        }
        usage.release(group.id(), Quota.SITES, 1);
        audit.record(group.scope(), "site.deleted", userId, "site", siteId);
    }

    public Optional<Site> find(TenantScope scope, String siteId) {
        return repository.find(scope, siteId);
    }

    public List<Site> list(TenantScope scope, int limit, int skip) {
        return repository.list(scope, limit, skip);
    }
}
