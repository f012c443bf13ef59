package io.vivreal.content.types;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.vivreal.content.ContentChangedEvent;
import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.SchemaParser;
import io.vivreal.content.schema.ValidationException;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DisplayNames;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.domain.FieldProblem;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.TierLimits.Quota;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.types.ObjectId;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Content types: creation within the tier's quota, unique names per group, and schema changes
 * that never silently orphan data — removing or retyping a field that items use is refused with
 * the field and the count of items, unless the caller forces it, in which case those values are
 * removed from the items so none is left invalid.
 */
public final class ContentTypeService {

    private static final Set<String> KEYS = Set.of("name", "fields", "acceptsSubmissions");

    private final ContentTypeRepository types;
    private final FieldUsage usageOfFields;
    private final UsageCounters usage;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ContentTypeService(
            ContentTypeRepository types,
            FieldUsage usageOfFields,
            UsageCounters usage,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.types = types;
        this.usageOfFields = usageOfFields;
        this.usage = usage;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** How content items use fields; implemented over the items collection. */
    public interface FieldUsage {
        long itemsUsing(TenantScope scope, String typeId, String field);

        long itemsOfType(TenantScope scope, String typeId);

        void removeField(TenantScope scope, String typeId, String field);

        long deleteItemsOfType(TenantScope scope, String typeId);
    }

    record Definition(String name, List<FieldSpec> fields, boolean acceptsSubmissions) {}

    public ContentType create(Group group, String actorId, Map<String, Object> body) {
        Definition definition = parse(body);
        Instant now = clock.instant();
        ContentType type = new ContentType(
                new ObjectId().toHexString(),
                group.id(),
                definition.name(),
                definition.fields(),
                definition.acceptsSubmissions(),
                now,
                now);
        usage.acquire(group.scope(), group.tier(), Quota.CONTENT_TYPES, 1);
        try {
            types.insert(group.scope(), type);
        } catch (RuntimeException e) {
            usage.release(group.id(), Quota.CONTENT_TYPES, 1);
            throw duplicateName(e, definition.name());
        }
        audit.record(group.scope(), "content_type.created", actorId, "content_type", type.id());
        return type;
    }

    public List<ContentType> list(Group group) {
        return types.list(group.scope());
    }

    public ContentType get(Group group, String typeId) {
        return types.find(group.scope(), typeId).orElseThrow(() -> DomainException.notFound("content type"));
    }

    public ContentType update(Group group, String actorId, String typeId, Map<String, Object> body, boolean force) {
        ContentType current = get(group, typeId);
        Definition definition = parse(body);
        List<String> orphaned = orphanedFields(current, definition.fields());
        List<FieldProblem> conflicts = new ArrayList<>();
        for (String field : orphaned) {
            long using = usageOfFields.itemsUsing(group.scope(), typeId, field);
            if (using > 0) {
                conflicts.add(new FieldProblem(
                        "fields." + field,
                        "removing or retyping it would orphan its value in " + using + " item" + (using == 1 ? "" : "s")
                                + "; send force=true to remove those values"));
            }
        }
        if (!conflicts.isEmpty() && !force) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "schema_conflict",
                    conflicts.get(0).field() + ": " + conflicts.get(0).reason(),
                    conflicts.get(0).field(),
                    conflicts);
        }
        ContentType next = new ContentType(
                current.id(),
                current.groupID(),
                definition.name(),
                definition.fields(),
                definition.acceptsSubmissions(),
                current.createdAt(),
                clock.instant());
        try {
            types.replace(group.scope(), next);
        } catch (RuntimeException e) {
            throw duplicateName(e, definition.name());
        }
        for (String field : orphaned) {
            usageOfFields.removeField(group.scope(), typeId, field);
        }
        audit.record(group.scope(), "content_type.updated", actorId, "content_type", typeId);
        events.publishEvent(new ContentChangedEvent(group.id()));
        return next;
    }

    public void delete(Group group, String actorId, String typeId, boolean force) {
        ContentType type = get(group, typeId);
        long items = usageOfFields.itemsOfType(group.scope(), type.id());
        if (items > 0 && !force) {
            throw DomainException.conflict(
                    "type_in_use",
                    "this content type has " + items + " item" + (items == 1 ? "" : "s")
                            + "; delete them first or send force=true to delete them with it");
        }
        // Quota is given back for what this request's deletes removed, never for what it meant to
        // remove: concurrent deletes of one type release the type once and each item once.
        long deleted = usageOfFields.deleteItemsOfType(group.scope(), type.id());
        if (deleted > 0) {
            usage.release(group.id(), Quota.CONTENT_ITEMS, deleted);
        }
        if (!types.delete(group.scope(), type.id())) {
            throw DomainException.notFound("content type");
        }
        usage.release(group.id(), Quota.CONTENT_TYPES, 1);
        audit.record(group.scope(), "content_type.deleted", actorId, "content_type", typeId);
        events.publishEvent(new ContentChangedEvent(group.id()));
    }

    /**
     * Fields that disappear, change type, change list item type, or lose enum options — or, for an
     * object, whose nested fields do any of that: the whole top-level field is named, since that is
     * what items hold and what {@code force} clears.
     */
    private static List<String> orphanedFields(ContentType current, List<FieldSpec> next) {
        List<String> orphaned = new ArrayList<>();
        for (FieldSpec old : current.fields()) {
            Optional<FieldSpec> replacement =
                    next.stream().filter(f -> f.name().equals(old.name())).findFirst();
            if (replacement.isEmpty() || !compatible(old, replacement.get())) {
                orphaned.add(old.name());
            }
        }
        return orphaned;
    }

    private static boolean compatible(FieldSpec old, FieldSpec next) {
        if (old.type() != next.type()) {
            return false;
        }
        if (!next.options().containsAll(old.options())) {
            return false;
        }
        if (old.items() != null) {
            return next.items() != null && compatible(old.items(), next.items());
        }
        for (FieldSpec nested : old.fields()) {
            Optional<FieldSpec> replacement = next.fields().stream()
                    .filter(f -> f.name().equals(nested.name()))
                    .findFirst();
            if (replacement.isEmpty() || !compatible(nested, replacement.get())) {
                return false;
            }
        }
        return true;
    }

    private static Definition parse(Map<String, Object> body) {
        if (body == null) {
            throw DomainException.invalid("name", "name is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new FieldProblem(key, "unknown property"));
            }
        }
        String name = null;
        try {
            name = DisplayNames.clean(body.get("name") instanceof String text ? text : null, "name", 100);
        } catch (DomainException e) {
            problems.add(new FieldProblem("name", e.getMessage()));
        }
        List<FieldSpec> fields = List.of();
        try {
            fields = SchemaParser.parseFields(body.getOrDefault("fields", List.of()), "fields");
        } catch (ValidationException e) {
            problems.addAll(e.problems());
        }
        Object accepts = body.get("acceptsSubmissions");
        if (accepts != null && !(accepts instanceof Boolean)) {
            problems.add(new FieldProblem("acceptsSubmissions", "must be true or false"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new Definition(name, fields, Boolean.TRUE.equals(accepts));
    }

    private static RuntimeException duplicateName(RuntimeException e, String name) {
        if (e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
            return new DomainException(
                    DomainException.Kind.CONFLICT,
                    "name_taken",
                    "a content type named '" + name + "' already exists",
                    "name");
        }
        return e;
    }
}
