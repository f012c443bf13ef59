package io.vivreal.distribution.channels;

import io.vivreal.content.publish.EventType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.crypto.CredentialBinding;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.CredentialDecryptionException;
import io.vivreal.core.domain.DisplayNames;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.outbound.OutboundGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group's channels: their configuration only — type, name, settings, secrets and subscriptions.
 * Callers authorise first (owners and admins) and pass the group from the caller's checked
 * membership. Settings are trimmed and validated when saved, so a pasted URL with a stray space
 * fails here with a 400 rather than at every delivery. Secrets are encrypted before they are
 * stored and decrypted only for a send ({@link #target}); a secret left out of an update — or sent
 * back as its masked hint — keeps its stored value. Sending belongs to the delivery package, which
 * depends on this one and never the other way round.
 */
public final class ChannelService {

    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);

    static final int MAX_CHANNELS = 50;
    static final int MAX_SECRET_LENGTH = 4096;
    static final int MAX_PLAIN_LENGTH = 2048;
    static final int MAX_SECRET_HEADERS = 10;
    static final String MASK = "****";
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    /** Headers the HTTP client sets itself or that would change the request's framing. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "connection",
            "content-length",
            "content-type",
            "expect",
            "upgrade",
            "transfer-encoding",
            "te",
            "trailer",
            "keep-alive",
            "via",
            "date",
            "user-agent",
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature");

    private static final Set<String> TOP_LEVEL =
            Set.of("type", "name", "settings", "events", "contentTypes", "postTemplate", "autoPostTypes");
    static final int MAX_TEMPLATE = 5_000;
    static final int MAX_CONTENT_TYPES = 100;

    private final ChannelRepository repository;
    private final CredentialCipher cipher;
    private final OutboundGuard guard;
    private final ContentTypeRepository types;
    private final AuditLog audit;
    private final Clock clock;
    private final Set<ChannelType> social;

    /**
     * @param social the types whose channels are connected social accounts, counted against the
     *     tier's {@code connectedAccounts}
     */
    public ChannelService(
            ChannelRepository repository,
            CredentialCipher cipher,
            OutboundGuard guard,
            ContentTypeRepository types,
            AuditLog audit,
            Clock clock,
            Set<ChannelType> social) {
        this.social = Set.copyOf(social);
        this.repository = repository;
        this.cipher = cipher;
        this.guard = guard;
        this.types = types;
        this.audit = audit;
        this.clock = clock;
    }

    public Map<String, Object> create(Group group, String userId, Map<String, Object> body) {
        requireOnly(body);
        TenantScope scope = group.scope();
        if (repository.list(scope, MAX_CHANNELS + 1).size() >= MAX_CHANNELS) {
            throw DomainException.conflict(
                    "too_many_channels", "a group can have at most " + MAX_CHANNELS + " channels");
        }
        ChannelType type = ChannelType.parse(body.get("type"));
        if (social.contains(type)) {
            long limit = TierLimits.of(group.tier()).connectedAccounts();
            long connected = repository.list(scope, MAX_CHANNELS).stream()
                    .filter(channel -> social.contains(channel.type()))
                    .count();
            if (connected >= limit) {
                throw UsageCounters.exceeded(group.tier(), TierLimits.Quota.CONNECTED_ACCOUNTS, limit);
            }
        }
        String name = DisplayNames.clean(text(body.get("name"), "name"), "name", 100);
        String id = new ObjectId().toHexString();
        Instant now = clock.instant();
        Settings settings = merge(group.id(), id, type, new Document(), new Document(), settingsOf(body));
        NewsletterSettings.check(type, scope, types, settings.stored);
        Subscription subscription = subscription(scope, body, Subscription.DEFAULT);
        AutoPost autoPost = autoPost(scope, body, AutoPost.NONE);
        StoredChannel channel = new StoredChannel(
                id, group.id(), type, name, settings.stored, settings.hints, subscription, autoPost, now, now);
        repository.insert(scope, channel);
        audit.record(scope, "channel.created", userId, "channel", id);
        return channel.toWire();
    }

    public Map<String, Object> update(Group group, String userId, String channelId, Map<String, Object> body) {
        requireOnly(body);
        TenantScope scope = group.scope();
        StoredChannel existing = find(scope, channelId);
        if (body.containsKey("type") && ChannelType.parse(body.get("type")) != existing.type()) {
            throw DomainException.invalid("type", "a channel's type cannot change; create a new channel");
        }
        String name = body.containsKey("name")
                ? DisplayNames.clean(text(body.get("name"), "name"), "name", 100)
                : existing.name();
        Settings settings =
                merge(group.id(), channelId, existing.type(), existing.settings(), existing.hints(), settingsOf(body));
        NewsletterSettings.check(existing.type(), scope, types, settings.stored);
        Subscription subscription = subscription(scope, body, existing.subscription());
        AutoPost autoPost = autoPost(scope, body, existing.autoPost());
        Instant now = clock.instant();
        if (!now.isAfter(existing.updatedAt())) {
            now = existing.updatedAt().plusMillis(1);
        }
        StoredChannel changed = new StoredChannel(
                channelId,
                existing.groupID(),
                existing.type(),
                name,
                settings.stored,
                settings.hints,
                subscription,
                autoPost,
                existing.createdAt(),
                now);
        if (!repository.replace(scope, changed, existing.updatedAt())) {
            throw DomainException.conflict("concurrent_change", "the channel changed at the same moment; try again");
        }
        audit.record(scope, "channel.updated", userId, "channel", channelId);
        return changed.toWire();
    }

    public void delete(Group group, String userId, String channelId) {
        if (!repository.delete(group.scope(), channelId)) {
            throw DomainException.notFound("channel");
        }
        audit.record(group.scope(), "channel.deleted", userId, "channel", channelId);
    }

    public Map<String, Object> get(TenantScope scope, String channelId) {
        return find(scope, channelId).toWire();
    }

    public List<Map<String, Object>> list(TenantScope scope) {
        return repository.list(scope, MAX_CHANNELS).stream()
                .map(StoredChannel::toWire)
                .toList();
    }

    /** The ids of a group's channels. */
    public List<String> channelIds(TenantScope scope) {
        return repository.list(scope, MAX_CHANNELS).stream()
                .map(StoredChannel::id)
                .toList();
    }

    /** What each of a group's channels subscribes to, for the fan-out: no secret is decrypted. */
    public List<ChannelSubscription> subscriptions(TenantScope scope) {
        return repository.list(scope, MAX_CHANNELS).stream()
                .map(channel -> new ChannelSubscription(
                        channel.id(), channel.type(), channel.subscription(), channel.autoPost()))
                .toList();
    }

    /** The channel's template and automatic posts; empty when there is no such channel in the group. */
    public Optional<AutoPost> autoPost(TenantScope scope, String channelId) {
        return repository.find(scope, channelId).map(StoredChannel::autoPost);
    }

    /**
     * The channel decrypted for one send, empty when it was deleted. An unreadable secret is a 409
     * {@code credential_unreadable}; the URL is not checked here — the outbound client checks it
     * before every request.
     */
    public Optional<ChannelTarget> target(TenantScope scope, String channelId) {
        return repository.find(scope, channelId).map(this::decrypted);
    }

    private StoredChannel find(TenantScope scope, String channelId) {
        return repository.find(scope, channelId).orElseThrow(() -> DomainException.notFound("channel"));
    }

    /** Decrypts exactly where the secrets are used: to deliver. */
    private ChannelTarget decrypted(StoredChannel channel) {
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        String field = null;
        try {
            for (ChannelType.Setting setting : channel.type().settings()) {
                String stored = channel.settings().getString(setting.name());
                if (stored == null) {
                    continue;
                }
                field = "settings." + setting.name();
                plain.put(
                        setting.name(),
                        setting.secret()
                                ? cipher.decrypt(stored, new CredentialBinding(channel.groupID(), channel.id(), field))
                                : stored);
            }
            Document secretHeaders = channel.settings().get(ChannelType.SECRET_HEADERS, Document.class);
            if (secretHeaders != null) {
                for (String header : secretHeaders.keySet()) {
                    field = "settings." + ChannelType.SECRET_HEADERS + "." + header;
                    headers.put(
                            header,
                            cipher.decrypt(
                                    secretHeaders.getString(header),
                                    new CredentialBinding(channel.groupID(), channel.id(), field)));
                }
            }
        } catch (CredentialDecryptionException | IllegalArgumentException e) {
            log.error(
                    "channel {} of group {}: the stored value of {} cannot be decrypted (a key missing from the"
                            + " key ring, or a corrupted or moved value); the owner must enter it again",
                    channel.id(),
                    channel.groupID(),
                    field);
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "credential_unreadable",
                    "a stored secret of this channel (" + field + ") cannot be read; enter it again",
                    field);
        }
        return new ChannelTarget(channel.id(), channel.groupID(), channel.type(), channel.name(), plain, headers);
    }

    private record Settings(Document stored, Document hints) {}

    /**
     * Applies {@code given} over the stored settings: a key left out keeps its value, {@code null}
     * removes an optional one, a masked hint sent back unchanged keeps the secret.
     */
    private Settings merge(
            String groupId,
            String channelId,
            ChannelType type,
            Document current,
            Document currentHints,
            Map<?, ?> given) {
        Document stored = new Document(current);
        Document hints = new Document(currentHints);
        for (Map.Entry<?, ?> entry : given.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (type == ChannelType.CUSTOM && key.equals(ChannelType.SECRET_HEADERS)) {
                mergeHeaders(groupId, channelId, stored, hints, entry.getValue());
                continue;
            }
            ChannelType.Setting setting = type.setting(key)
                    .orElseThrow(() -> DomainException.invalid(
                            "settings." + key, "a " + type.wireName() + " channel has no setting '" + key + "'"));
            String field = "settings." + key;
            Object value = entry.getValue();
            if (value == null) {
                if (setting.required()) {
                    throw DomainException.invalid(field, field + " is required");
                }
                stored.remove(key);
                hints.remove(key);
                continue;
            }
            String text = text(value, field).strip();
            if (text.isEmpty() && !setting.required() && !setting.secret()) {
                stored.remove(key); // an optional setting left empty: its default
                hints.remove(key);
                continue;
            }
            if (setting.secret() && text.equals(hints.getString(key))) {
                continue; // the masked hint sent back: unchanged
            }
            if (!setting.accepts(text)) {
                throw DomainException.invalid(field, field + " must be " + setting.formatHint());
            }
            if (setting.secret()) {
                checkSecret(text, field);
                if (setting.url()) {
                    guard.check(text, field);
                }
                stored.put(key, cipher.encrypt(text, new CredentialBinding(groupId, channelId, field)));
                hints.put(key, hint(text));
            } else {
                if (text.length() > MAX_PLAIN_LENGTH) {
                    throw DomainException.invalid(
                            field, field + " must be at most " + MAX_PLAIN_LENGTH + " characters");
                }
                if (setting.url()) {
                    guard.check(text, field);
                }
                stored.put(key, text.strip());
            }
        }
        for (ChannelType.Setting setting : type.settings()) {
            if (setting.required() && !stored.containsKey(setting.name())) {
                throw DomainException.invalid(
                        "settings." + setting.name(), "settings." + setting.name() + " is required");
            }
        }
        return new Settings(stored, hints);
    }

    private void mergeHeaders(String groupId, String channelId, Document stored, Document hints, Object value) {
        String base = "settings." + ChannelType.SECRET_HEADERS;
        if (!(value instanceof Map<?, ?> given)) {
            throw DomainException.invalid(base, base + " must be an object of header names to secret values");
        }
        Document headers = new Document(stored.get(ChannelType.SECRET_HEADERS, new Document()));
        Document headerHints = new Document(hints.get(ChannelType.SECRET_HEADERS, new Document()));
        for (Map.Entry<?, ?> entry : given.entrySet()) {
            String header = String.valueOf(entry.getKey());
            String field = base + "." + header;
            if (!HEADER_NAME.matcher(header).matches()
                    || RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))
                    || header.toLowerCase(Locale.ROOT).startsWith("proxy-")) {
                throw DomainException.invalid(field, "'" + header + "' cannot be used as a custom header name");
            }
            if (entry.getValue() == null) {
                headers.remove(header);
                headerHints.remove(header);
                continue;
            }
            String text = text(entry.getValue(), field).strip();
            if (text.equals(headerHints.getString(header))) {
                continue;
            }
            checkSecret(text, field);
            headers.put(header, cipher.encrypt(text, new CredentialBinding(groupId, channelId, field)));
            headerHints.put(header, hint(text));
        }
        if (headers.size() > MAX_SECRET_HEADERS) {
            throw DomainException.invalid(base, "at most " + MAX_SECRET_HEADERS + " secret headers");
        }
        if (headers.isEmpty()) {
            stored.remove(ChannelType.SECRET_HEADERS);
            hints.remove(ChannelType.SECRET_HEADERS);
        } else {
            stored.put(ChannelType.SECRET_HEADERS, headers);
            hints.put(ChannelType.SECRET_HEADERS, headerHints);
        }
    }

    /** Secrets travel in headers and URLs: printable, well-formed text of a sane size. */
    private static void checkSecret(String text, String field) {
        if (text.isBlank()) {
            throw DomainException.invalid(field, field + " must not be empty");
        }
        if (text.length() > MAX_SECRET_LENGTH) {
            throw DomainException.invalid(field, field + " must be at most " + MAX_SECRET_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw DomainException.invalid(field, field + " must not contain control characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw DomainException.invalid(field, field + " is not valid UTF-8 text");
            }
        }
    }

    /** The last four characters of a long secret; nothing of a short one. */
    static String hint(String secret) {
        return secret.length() >= 12 ? MASK + secret.substring(secret.length() - 4) : MASK;
    }

    private static String text(Object value, String field) {
        if (!(value instanceof String text)) {
            throw DomainException.invalid(field, field + " must be a string");
        }
        return text;
    }

    /**
     * {@code events} (known event types, at least one) and {@code contentTypes} (ids of this
     * group's content types; empty means all) from the body, or {@code current} for what is left
     * out. Another group's type id is refused exactly like one that does not exist.
     */
    private Subscription subscription(TenantScope scope, Map<String, Object> body, Subscription current) {
        List<EventType> events = current.events();
        if (body.containsKey("events")) {
            if (!(body.get("events") instanceof List<?> given) || given.isEmpty()) {
                throw DomainException.invalid("events", "events must be a non-empty list of event types");
            }
            Set<EventType> chosen = new LinkedHashSet<>();
            for (int i = 0; i < given.size(); i++) {
                Object value = given.get(i);
                chosen.add(EventType.parse(value)
                        .orElseThrow(() -> DomainException.invalid(
                                "events",
                                "events: unknown event type; use content.published, content.updated,"
                                        + " content.unpublished or submission.received")));
            }
            events = List.copyOf(chosen);
        }
        List<String> contentTypes = current.contentTypes();
        if (body.containsKey("contentTypes")) {
            Object raw = body.get("contentTypes");
            if (raw == null) {
                raw = List.of();
            }
            if (!(raw instanceof List<?> given) || given.size() > MAX_CONTENT_TYPES) {
                throw DomainException.invalid(
                        "contentTypes",
                        "contentTypes must be a list of at most " + MAX_CONTENT_TYPES + " content type ids");
            }
            Set<String> chosen = new LinkedHashSet<>();
            for (Object value : given) {
                if (!(value instanceof String id)
                        || types.find(scope, id.strip()).isEmpty()) {
                    throw DomainException.invalid("contentTypes", "contentTypes: no such content type in this group");
                }
                chosen.add(id.strip());
            }
            contentTypes = new ArrayList<>(chosen);
        }
        return new Subscription(events, List.copyOf(contentTypes));
    }

    /**
     * {@code postTemplate} (text, at most {@link #MAX_TEMPLATE} characters; null removes it) and
     * {@code autoPostTypes} (ids of this group's content types) from the body, or {@code current}.
     * Placeholders are checked when a post is composed, against the item's own type.
     */
    private AutoPost autoPost(TenantScope scope, Map<String, Object> body, AutoPost current) {
        String template = current.template();
        if (body.containsKey("postTemplate")) {
            Object raw = body.get("postTemplate");
            if (raw != null && !(raw instanceof String)) {
                throw DomainException.invalid("postTemplate", "postTemplate must be a string");
            }
            template = raw == null || ((String) raw).isBlank() ? null : (String) raw;
            if (template != null && template.length() > MAX_TEMPLATE) {
                throw DomainException.invalid(
                        "postTemplate", "postTemplate must be at most " + MAX_TEMPLATE + " characters");
            }
        }
        List<String> autoTypes = current.contentTypes();
        if (body.containsKey("autoPostTypes")) {
            Object raw = body.get("autoPostTypes");
            if (raw == null) {
                raw = List.of();
            }
            if (!(raw instanceof List<?> given) || given.size() > MAX_CONTENT_TYPES) {
                throw DomainException.invalid(
                        "autoPostTypes",
                        "autoPostTypes must be a list of at most " + MAX_CONTENT_TYPES + " content type ids");
            }
            Set<String> chosen = new LinkedHashSet<>();
            for (Object value : given) {
                if (!(value instanceof String id)
                        || types.find(scope, id.strip()).isEmpty()) {
                    throw DomainException.invalid("autoPostTypes", "autoPostTypes: no such content type in this group");
                }
                chosen.add(id.strip());
            }
            autoTypes = List.copyOf(chosen);
        }
        return new AutoPost(template, autoTypes);
    }

    private static Map<?, ?> settingsOf(Map<String, Object> body) {
        Object settings = body.get("settings");
        if (settings == null) {
            return Map.of();
        }
        if (!(settings instanceof Map<?, ?> map)) {
            throw DomainException.invalid("settings", "settings must be an object");
        }
        return map;
    }

    private static void requireOnly(Map<String, Object> body) {
        if (body == null) {
            throw DomainException.invalid(null, "a JSON object is required");
        }
        for (String key : body.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw DomainException.invalid(key, "unknown property '" + key + "'");
            }
        }
    }
}
