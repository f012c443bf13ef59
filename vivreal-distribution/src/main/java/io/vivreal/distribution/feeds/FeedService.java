package io.vivreal.distribution.feeds;

import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.FieldType;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A content type's feed settings, as owners and admins edit them. Every field name is checked
 * against the type's schema when saved: the title, summary and content must be text-like, the
 * date field a {@code date} or {@code dateTime} — so a public feed never renders a field of a kind
 * it cannot show. The type is looked up in the caller's group first; another group's type id
 * answers 404 like one that does not exist.
 */
public final class FeedService {

    private static final Set<String> KEYS =
            Set.of("enabled", "titleField", "summaryField", "contentField", "dateField");
    private static final int MAX_NAME = 64;

    private final FeedRepository feeds;
    private final ContentTypeRepository types;
    private final FeedCache cache;
    private final AuditLog audit;
    private final Supplier<String> publicUrl;
    private final Clock clock;

    public FeedService(
            FeedRepository feeds,
            ContentTypeRepository types,
            FeedCache cache,
            AuditLog audit,
            Supplier<String> publicUrl,
            Clock clock) {
        this.feeds = feeds;
        this.types = types;
        this.cache = cache;
        this.audit = audit;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** The type's feed as the Management API shows it; 404 when the type has none yet. */
    public Map<String, Object> get(Group group, String typeId) {
        ContentType type = type(group, typeId);
        return feeds.forType(group.id(), type.id())
                .map(this::toWire)
                .orElseThrow(() -> DomainException.notFound("feed"));
    }

    /**
     * Saves the type's feed. A first save makes the feed id; later saves (and disabling, and
     * enabling again) keep it. When {@code enabled} is false the field names may be left out: the
     * stored ones are kept for the next enable. Otherwise the body states the feed: without a
     * {@code dateField} it has no calendar.
     */
    public Map<String, Object> configure(Group group, String actorId, String typeId, Map<String, Object> body) {
        ContentType type = type(group, typeId);
        if (body == null) {
            throw DomainException.invalid(null, "a JSON object is required");
        }
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                throw DomainException.invalid(key, key + " is not a feed setting");
            }
        }
        if (!(body.get("enabled") instanceof Boolean enabled)) {
            throw DomainException.invalid("enabled", "enabled must be true or false");
        }
        Optional<FeedSettings> stored = feeds.forType(group.id(), type.id());
        boolean required = enabled || stored.isEmpty();
        String title = textField(type, body, "titleField", required, stored.map(FeedSettings::titleField));
        String summary = textField(type, body, "summaryField", required, stored.map(FeedSettings::summaryField));
        String content = textField(type, body, "contentField", required, stored.map(FeedSettings::contentField));
        // a PUT states the feed: no dateField means no calendar; only a disable keeps the stored one
        String date = body.containsKey("dateField") || enabled
                ? dateField(type, body)
                : stored.map(FeedSettings::dateField).orElse(null);
        for (int attempt = 0; ; attempt++) {
            Optional<FeedSettings> current = attempt == 0 ? stored : feeds.forType(group.id(), type.id());
            FeedSettings settings = new FeedSettings(
                    current.map(FeedSettings::feedId).orElseGet(feeds::newFeedId),
                    group.id(),
                    group.dbKey(),
                    type.id(),
                    enabled,
                    title,
                    summary,
                    content,
                    date,
                    current.map(s -> s.revision() + 1).orElse(1L),
                    clock.instant());
            if (feeds.save(settings)) {
                cache.evictFeed(settings.feedId());
                audit.record(
                        group.scope(), enabled ? "feed.enabled" : "feed.disabled", actorId, "contentType", type.id());
                return toWire(settings);
            }
            if (attempt > 0) {
                throw DomainException.conflict("conflict", "the feed was changed at the same time; try again");
            }
        }
    }

    /** The public URLs of a feed; {@code ics} only with a date field. */
    public Map<String, String> urls(FeedSettings settings) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (FeedFormat format : FeedFormat.values()) {
            if (format != FeedFormat.ICS || settings.hasCalendar()) {
                urls.put(format.extension(), url(settings.feedId(), format));
            }
        }
        return urls;
    }

    public String url(String feedId, FeedFormat format) {
        return publicUrl.get() + "/feeds/" + feedId + "." + format.extension();
    }

    private Map<String, Object> toWire(FeedSettings settings) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("feedId", settings.feedId());
        wire.put("enabled", settings.enabled());
        wire.put("titleField", settings.titleField());
        wire.put("summaryField", settings.summaryField());
        wire.put("contentField", settings.contentField());
        wire.put("dateField", settings.dateField());
        wire.put("urls", urls(settings));
        return wire;
    }

    private ContentType type(Group group, String typeId) {
        return types.find(group.scope(), typeId).orElseThrow(() -> DomainException.notFound("content type"));
    }

    private static String textField(
            ContentType type, Map<String, Object> body, String key, boolean required, Optional<String> stored) {
        String name = name(body, key);
        if (name == null) {
            if (required && stored.isEmpty()) {
                throw DomainException.invalid(key, key + " is required: the name of a text field of this type");
            }
            return stored.orElse(null);
        }
        FieldSpec field = field(type, key, name);
        if (!(field.type().isText() || field.type() == FieldType.ENUM)) {
            throw DomainException.invalid(
                    key,
                    key + " must name a text, longText, slug or enum field, not a "
                            + field.type().wireName());
        }
        return name;
    }

    private static String dateField(ContentType type, Map<String, Object> body) {
        String name = name(body, "dateField");
        if (name == null) {
            return null;
        }
        FieldSpec field = field(type, "dateField", name);
        if (field.type() != FieldType.DATE && field.type() != FieldType.DATE_TIME) {
            throw DomainException.invalid(
                    "dateField",
                    "dateField must name a date or dateTime field, not a "
                            + field.type().wireName());
        }
        return name;
    }

    private static String name(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > MAX_NAME) {
            throw DomainException.invalid(key, key + " must be a field name (text of at most " + MAX_NAME + ")");
        }
        return text;
    }

    private static FieldSpec field(ContentType type, String key, String name) {
        return type.field(name)
                .orElseThrow(() -> DomainException.invalid(key, key + " names no field of this content type"));
    }
}
