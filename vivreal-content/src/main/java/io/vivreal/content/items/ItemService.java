package io.vivreal.content.items;

import io.vivreal.content.ContentChangedEvent;
import io.vivreal.content.publish.Publication;
import io.vivreal.content.schema.ValidationException;
import io.vivreal.content.schema.ValueValidator;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.domain.FieldProblem;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.store.CommitBatch;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Writing content items. Every write validates against the current schema, takes or gives back
 * quota, records a version (as many kept as the tier allows) and an audit entry, updates the
 * publish schedule and tells the read caches. The store writes of one call share one durable wait
 * ({@link CommitBatch}): the call returns only once all of them are committed, and the read caches
 * are told after that. Callers have already checked the caller's role; the
 * group they pass is the verified one.
 */
public final class ItemService {

    private final ContentTypeRepository types;
    private final ItemRepository items;
    private final VersionRepository versions;
    private final ValueValidator validator;
    private final UsageCounters usage;
    private final Publication publication;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CommitBatch batch;

    public ItemService(
            ContentTypeRepository types,
            ItemRepository items,
            VersionRepository versions,
            ValueValidator validator,
            UsageCounters usage,
            Publication publication,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock,
            CommitBatch batch) {
        this.types = types;
        this.items = items;
        this.versions = versions;
        this.validator = validator;
        this.usage = usage;
        this.publication = publication;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.batch = batch;
    }

    public ContentType type(Group group, String typeId) {
        return types.find(group.scope(), typeId).orElseThrow(() -> DomainException.notFound("content type"));
    }

    public ContentItem create(Group group, String actorId, String typeId, Map<String, Object> body) {
        return create(group, actorId, type(group, typeId), ItemInput.parse(body), "item.created");
    }

    /**
     * Stores a new item of {@code type}; public form submissions come through here too, as drafts
     * attributed to {@code actorId}.
     */
    public ContentItem create(Group group, String actorId, ContentType type, ItemInput input, String action) {
        TenantScope scope = group.scope();
        Document value = validator.validate(scope, input.objectValue(), type.fields(), "objectValue");
        Instant now = clock.instant();
        ContentItem item = new ContentItem(
                new ObjectId().toHexString(),
                group.id(),
                type.id(),
                value,
                input.publishDate(),
                Boolean.TRUE.equals(input.archived()),
                1,
                now,
                now,
                actorId,
                actorId);
        batch.run(() -> {
            usage.acquire(group.scope(), group.tier(), Quota.CONTENT_ITEMS, 1);
            try {
                items.insert(scope, item);
            } catch (RuntimeException e) {
                usage.release(group.id(), Quota.CONTENT_ITEMS, 1);
                throw e;
            }
            versions.record(scope, item, action);
            afterWrite(scope, null, item, action, actorId);
        });
        events.publishEvent(new ContentChangedEvent(group.id()));
        return item;
    }

    public ContentItem get(Group group, String typeId, String itemId) {
        return items.find(group.scope(), type(group, typeId).id(), itemId)
                .orElseThrow(() -> DomainException.notFound("content item"));
    }

    /**
     * Replaces an item's content. Fields left out keep their values: {@code objectValue} replaces
     * the whole value object, {@code publishDate} and {@code archived} only when given.
     */
    public ContentItem update(Group group, String actorId, String typeId, String itemId, Map<String, Object> body) {
        ContentType type = type(group, typeId);
        ContentItem current = get(group, typeId, itemId);
        ItemInput input = ItemInput.parse(body);
        Document value = input.objectValue() == null
                ? current.objectValue()
                : validator.validate(group.scope(), input.objectValue(), type.fields(), "objectValue");
        String action = Boolean.TRUE.equals(input.archived()) && !current.archived() ? "item.archived" : "item.updated";
        return save(
                group,
                actorId,
                current,
                value,
                input.publishDateGiven() ? input.publishDate() : current.publishDate(),
                input.archived() == null ? current.archived() : input.archived(),
                input.version(),
                action);
    }

    /** Restores an old version's content as a new version; it must still fit the current schema. */
    public ContentItem revert(Group group, String actorId, String typeId, String itemId, Object rawVersion) {
        if (!(rawVersion instanceof Integer || rawVersion instanceof Long)) {
            throw DomainException.invalid("version", "version must be a whole number");
        }
        long version = ((Number) rawVersion).longValue();
        ContentType type = type(group, typeId);
        ContentItem current = get(group, typeId, itemId);
        Document old = versions.find(group.scope(), itemId, version)
                .orElseThrow(() -> DomainException.notFound("version " + version));
        Document value;
        try {
            value = validator.validate(
                    group.scope(), old.get("objectValue", Document.class), type.fields(), "objectValue");
        } catch (ValidationException e) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "version_incompatible",
                    "version " + version + " no longer fits the content type's fields",
                    e.field(),
                    e.problems());
        }
        Instant publish = old.getDate("publishDate") == null
                ? null
                : old.getDate("publishDate").toInstant();
        return save(
                group,
                actorId,
                current,
                value,
                publish,
                Boolean.TRUE.equals(old.getBoolean("archived")),
                null,
                "item.reverted");
    }

    public void delete(Group group, String actorId, String typeId, String itemId) {
        TenantScope scope = group.scope();
        ContentType type = type(group, typeId);
        ContentItem before = items.find(scope, type.id(), itemId).orElse(null);
        batch.run(() -> {
            if (!items.delete(scope, type.id(), itemId)) {
                throw DomainException.notFound("content item");
            }
            usage.release(group.id(), Quota.CONTENT_ITEMS, 1);
            versions.deleteAll(scope, itemId);
            publication.afterDelete(scope, before, itemId);
            audit.record(scope, "item.deleted", actorId, "item", itemId);
        });
        events.publishEvent(new ContentChangedEvent(group.id()));
    }

    public List<Document> versions(Group group, String typeId, String itemId) {
        get(group, typeId, itemId);
        return versions.list(group.scope(), itemId);
    }

    private ContentItem save(
            Group group,
            String actorId,
            ContentItem current,
            Document value,
            Instant publishDate,
            boolean archived,
            Long basedOn,
            String action) {
        if (basedOn != null && basedOn != current.version()) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "stale_version",
                    "this item was changed by someone else (now version " + current.version()
                            + "); reload it and apply your edit again",
                    "version",
                    List.of(new FieldProblem("version", "expected " + current.version())));
        }
        ContentItem next = new ContentItem(
                current.id(),
                current.groupID(),
                current.collectionId(),
                value,
                publishDate,
                archived,
                current.version() + 1,
                current.createdAt(),
                clock.instant(),
                current.createdBy(),
                actorId);
        batch.run(() -> {
            if (!items.replace(group.scope(), next, current.version())) {
                throw DomainException.conflict("stale_version", "this item was changed at the same moment; reload it");
            }
            versions.record(group.scope(), next, action);
            versions.prune(
                    group.scope(),
                    next.id(),
                    next.version(),
                    TierLimits.of(group.tier()).versionsKept());
            afterWrite(group.scope(), current, next, action, actorId);
        });
        events.publishEvent(new ContentChangedEvent(group.scope().groupID()));
        return next;
    }

    private void afterWrite(TenantScope scope, ContentItem before, ContentItem item, String action, String actorId) {
        publication.afterWrite(scope, before, item, action);
        audit.record(scope, action, actorId, "item", item.id());
    }
}
