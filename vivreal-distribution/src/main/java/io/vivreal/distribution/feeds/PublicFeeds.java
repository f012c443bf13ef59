package io.vivreal.distribution.feeds;

import io.vivreal.content.schema.FieldSpec;
import io.vivreal.content.schema.FieldType;
import io.vivreal.content.types.ContentType;
import io.vivreal.content.types.ContentTypeRepository;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves a public feed by its id. The id is the whole credential: it names one group and one
 * content type in the control plane, and the items are then read through that group's tenant
 * scope only. A feed that does not exist, is disabled, belongs to a frozen or deleted group, or
 * whose type was deleted is {@link Optional#empty()} — one answer for all, so the public route is
 * no oracle for which ids exist.
 *
 * <p>Renderings come from the {@link FeedCache}; concurrent misses for one feed render it once
 * (the others wait for that result), and a render runs under the listing permits, so readers
 * polling one group's feed cannot take the slots another group's listings need.
 */
public final class PublicFeeds {

    private final FeedRepository feeds;
    private final GroupRepository groups;
    private final ContentTypeRepository types;
    private final FeedItems items;
    private final FeedCache cache;
    private final FeedService service;
    private final String hub;
    private final SyndicationWriter syndication = new SyndicationWriter();
    private final JsonFeedWriter json = new JsonFeedWriter();
    private final CalendarWriter calendar = new CalendarWriter();
    private final ConcurrentHashMap<FeedCache.Key, CompletableFuture<Optional<RenderedFeed>>> rendering =
            new ConcurrentHashMap<>();

    PublicFeeds(
            FeedRepository feeds,
            GroupRepository groups,
            ContentTypeRepository types,
            FeedItems items,
            FeedCache cache,
            FeedService service,
            String hub) {
        this.feeds = feeds;
        this.groups = groups;
        this.types = types;
        this.items = items;
        this.cache = cache;
        this.service = service;
        this.hub = hub == null || hub.isBlank() ? null : hub;
    }

    public Optional<RenderedFeed> feed(String feedId, FeedFormat format) {
        if (!FeedRepository.isFeedId(feedId)) {
            return Optional.empty();
        }
        FeedCache.Key key = new FeedCache.Key(feedId, format);
        RenderedFeed cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        CompletableFuture<Optional<RenderedFeed>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<RenderedFeed>> running = rendering.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            Optional<RenderedFeed> rendered = render(feedId, format);
            rendered.ifPresent(feed -> cache.put(key, feed));
            mine.complete(rendered);
            return rendered;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            rendering.remove(key, mine);
        }
    }

    private Optional<RenderedFeed> render(String feedId, FeedFormat format) {
        Optional<FeedSettings> found = feeds.find(feedId).filter(FeedSettings::enabled);
        if (found.isEmpty() || (format == FeedFormat.ICS && !found.get().hasCalendar())) {
            return Optional.empty();
        }
        FeedSettings settings = found.get();
        Optional<Group> group = groups.findById(settings.groupID())
                .filter(g -> !g.frozen())
                .filter(g -> g.dbKey().equals(settings.dbKey()));
        if (group.isEmpty()) {
            return Optional.empty();
        }
        Optional<ContentType> type = types.find(group.get().scope(), settings.typeId());
        if (type.isEmpty() || (format == FeedFormat.ICS && !hasDateField(type.get(), settings.dateField()))) {
            return Optional.empty();
        }
        List<FeedEntry> entries = format == FeedFormat.ICS
                ? items.upcoming(settings, group.get(), type.get())
                : items.latest(settings, group.get(), type.get());
        Instant updated =
                entries.stream().map(FeedEntry::updated).reduce(settings.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
        Map<FeedFormat, String> urls = new EnumMap<>(FeedFormat.class);
        for (FeedFormat each : FeedFormat.values()) {
            urls.put(each, service.url(feedId, each));
        }
        FeedHead head = new FeedHead(feedId, type.get().name(), urls, hub, updated);
        byte[] body = switch (format) {
            case RSS -> syndication.rss(head, entries);
            case ATOM -> syndication.atom(head, entries);
            case JSON -> json.write(head, entries);
            case ICS -> calendar.write(head, entries);
        };
        return Optional.of(new RenderedFeed(body, etag(body), format.contentType(), settings.groupID()));
    }

    private static boolean hasDateField(ContentType type, String name) {
        return type.field(name)
                .map(FieldSpec::type)
                .filter(t -> t == FieldType.DATE || t == FieldType.DATE_TIME)
                .isPresent();
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    /** Whether an {@code If-None-Match} header names this ETag (weak comparison, as RFC 9110 asks for GET). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.length() > 2048) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (MessageDigest.isEqual(
                    tag.getBytes(StandardCharsets.US_ASCII), etag.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
