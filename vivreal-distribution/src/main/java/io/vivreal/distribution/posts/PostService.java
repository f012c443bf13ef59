package io.vivreal.distribution.posts;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import io.vivreal.content.BsonJson;
import io.vivreal.content.publish.ContentEvents;
import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.group.TierLimits;
import io.vivreal.core.quota.UsageCounters;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.Message;
import io.vivreal.distribution.adapters.TextCount;
import io.vivreal.distribution.delivery.AutoPosts;
import io.vivreal.distribution.delivery.DeliveryStatus;
import io.vivreal.distribution.delivery.PostDeliveries;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts for the Management API. Callers authorise first (owners, admins, editors) and pass the
 * group from the caller's checked membership; the item and every channel are looked up in that
 * group's scope, so another group's id is a 404. A post is composed and checked whole before
 * anything is written — an unknown placeholder, a text over a platform's limit or media a
 * platform would refuse is a 400 and nothing is queued — then each channel becomes an integration
 * object and one delivery, due at {@code publishAt}. Until a worker takes a channel's delivery
 * the post can be edited or cancelled; after that, 409.
 */
public final class PostService implements AutoPosts {

    private static final Logger log = LoggerFactory.getLogger(PostService.class);
    static final String SYSTEM = "system";

    static final Duration MAX_AHEAD = Duration.ofDays(366);
    static final Duration PAST_GRACE = Duration.ofMinutes(5);
    static final int MAX_LIST = 200;
    private static final Set<String> CONFIRM_KEYS = Set.of("channelId", "status", "permalink");

    private final PostRepository posts;
    private final IntegrationObjects objects;
    private final Composer composer;
    private final PostDeliveries deliveries;
    private final AuditLog audit;
    private final Clock clock;
    private final GroupRepository groups;

    PostService(
            PostRepository posts,
            IntegrationObjects objects,
            Composer composer,
            PostDeliveries deliveries,
            AuditLog audit,
            Clock clock,
            GroupRepository groups) {
        this.groups = groups;
        this.posts = posts;
        this.objects = objects;
        this.composer = composer;
        this.deliveries = deliveries;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code {"channels": [{channelId, text, count, limit, ok, problem?}]}}: exactly what would be sent. */
    public Map<String, Object> preview(Group group, Map<String, Object> body) {
        PostRequest request = PostRequest.parse(body);
        Optional<Composer.Source> source = composer.source(group.scope(), request.itemId());
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Composer.Composed channel : composer.compose(group, request, source)) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("channelId", channel.channelId());
            one.put("platform", channel.target().type().wireName());
            one.put("text", channel.text());
            one.put("count", channel.count().count());
            one.put(
                    "limit",
                    channel.count().limit() == TextCount.UNLIMITED
                            ? null
                            : channel.count().limit());
            one.put("ok", channel.ok());
            one.put("images", channel.images().size());
            channel.refusal().ifPresent(reason -> one.put("problem", reason));
            shown.add(one);
        }
        return Map.of("channels", shown);
    }

    /** Composes, checks and queues a post: {@code {postId, publishAt, integrationObjects}}. */
    public Map<String, Object> create(Group group, String userId, Map<String, Object> body) {
        TenantScope scope = group.scope();
        PostRequest request = PostRequest.parse(body);
        Instant now = clock.instant();
        Instant at = when(request.publishAt(), now);
        Optional<Composer.Source> source = composer.source(scope, request.itemId());
        List<Composer.Composed> composed = composer.compose(group, request, source);
        requireSendable(composed);
        requireQuota(group, composed.size(), now);
        ObjectId postId = new ObjectId();
        queue(group, userId, postId, request, source, composed, at, now);
        audit.record(scope, "post.created", userId, "post", postId.toHexString());
        return get(group, postId.toHexString());
    }

    /**
     * Writes the post, then one integration object and one delivery per channel. The post comes
     * first: an automatic post's id is derived from its event, so a second fan-out of the same
     * event stops at this insert.
     */
    private void queue(
            Group group,
            String userId,
            ObjectId postId,
            PostRequest request,
            Optional<Composer.Source> source,
            List<Composer.Composed> composed,
            Instant at,
            Instant now) {
        TenantScope scope = group.scope();
        List<Document> channels = new ArrayList<>();
        for (int i = 0; i < composed.size(); i++) {
            channels.add(new Document("channelId", composed.get(i).channelId())
                    .append("text", request.channels().get(i).text())
                    .append("integrationObjectId", new ObjectId())
                    .append(
                            "deliveryId",
                            PostDeliveries.idFor(
                                    postId.toHexString(), composed.get(i).channelId())));
        }
        posts.insert(
                scope,
                new Document("_id", postId)
                        .append("itemId", source.map(s -> s.item().id()).orElse(null))
                        .append(
                                "collectionId",
                                source.map(s -> s.item().collectionId()).orElse(null))
                        .append("publishAt", Date.from(at))
                        .append("channels", channels)
                        .append("createdBy", userId)
                        .append("createdAt", Date.from(now))
                        .append("updatedAt", Date.from(now)));
        for (int i = 0; i < composed.size(); i++) {
            Composer.Composed channel = composed.get(i);
            Document entry = channels.get(i);
            objects.insert(
                    scope,
                    integrationObject(
                            entry.getObjectId("integrationObjectId"),
                            postId,
                            entry.getString("deliveryId"),
                            channel,
                            source,
                            at,
                            now));
            deliveries.schedule(
                    scope,
                    postId.toHexString(),
                    channel.channelId(),
                    source.map(s -> s.item().id()).orElse(null),
                    source.map(s -> s.item().collectionId()).orElse(null),
                    message(group, postId, entry, channel, now),
                    at);
        }
    }

    /**
     * The automatic post of a published item through the channel's template. Its id comes from
     * the event and the channel, so it is made once however often the event is fanned out; a post
     * that cannot be made (over a limit, a template the item cannot fill) is recorded in the audit
     * log and the channel gets the event's usual message instead.
     */
    @Override
    public boolean post(ContentEvents.Event event, String channelId) {
        TenantScope scope = event.scope();
        Optional<Group> group = groups.findById(scope.groupID());
        if (group.isEmpty()) {
            return false;
        }
        ObjectId postId = autoPostId(event.id(), channelId);
        if (posts.find(scope, postId.toHexString()).isPresent()) {
            return true;
        }
        Instant now = clock.instant();
        try {
            PostRequest request =
                    new PostRequest(event.itemId(), null, List.of(new PostRequest.ChannelText(channelId, null)));
            Optional<Composer.Source> source = composer.source(scope, event.itemId());
            List<Composer.Composed> composed = composer.compose(group.get(), request, source);
            requireSendable(composed);
            requireQuota(group.get(), composed.size(), now);
            queue(group.get(), SYSTEM, postId, request, source, composed, now, now);
        } catch (DomainException e) {
            log.warn(
                    "automatic post of item {} to channel {} of group {} refused: {}",
                    event.itemId(),
                    channelId,
                    scope.groupID(),
                    e.code());
            audit.record(scope, "post.auto_refused", SYSTEM, "channel", channelId);
            return false;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return true; // another instance made it first
            }
            throw e;
        }
        audit.record(scope, "post.created", SYSTEM, "post", postId.toHexString());
        return true;
    }

    static ObjectId autoPostId(String eventId, String channelId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("auto-post\n" + eventId + "\n" + channelId).getBytes(StandardCharsets.UTF_8));
            return new ObjectId(java.util.Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }

    /**
     * Changes the texts and the time of a post none of whose channels has started sending.
     * Channels left out of {@code channels} keep their text; without {@code channels} only the
     * time changes.
     */
    public Map<String, Object> update(Group group, String userId, String postId, Map<String, Object> body) {
        TenantScope scope = group.scope();
        Document post = find(scope, postId);
        List<Document> stored = post.getList("channels", Document.class);
        Map<String, Object> given = body == null ? null : new LinkedHashMap<>(body);
        if (given != null && !given.containsKey("channels")) {
            // only the time changes: every channel keeps its text
            given.put(
                    "channels",
                    stored.stream()
                            .map(c -> {
                                Map<String, Object> one = new LinkedHashMap<>();
                                one.put("channelId", c.getString("channelId"));
                                one.put("text", c.getString("text"));
                                return one;
                            })
                            .toList());
        }
        PostRequest request = PostRequest.parse(given);
        Map<String, String> texts = new LinkedHashMap<>();
        for (Document channel : stored) {
            texts.put(channel.getString("channelId"), channel.getString("text"));
        }
        for (int i = 0; i < request.channels().size(); i++) {
            String channelId = request.channels().get(i).channelId();
            if (!texts.containsKey(channelId)) {
                throw DomainException.invalid(
                        "channels[" + i + "].channelId",
                        "this post does not go to that channel; cancel it and create a new post");
            }
            texts.put(channelId, request.channels().get(i).text());
        }
        String itemId = post.getString("itemId");
        if (request.itemId() != null && !request.itemId().equals(itemId)) {
            throw DomainException.invalid("itemId", "a post's item cannot change; cancel it and create a new post");
        }
        requireNotStarted(scope, stored);
        Instant now = clock.instant();
        Instant at =
                request.publishAt() == null ? post.getDate("publishAt").toInstant() : when(request.publishAt(), now);
        Optional<Composer.Source> source = composer.source(scope, itemId);
        // every channel is composed again (in the post's order): a new time moves them all
        List<PostRequest.ChannelText> all = texts.entrySet().stream()
                .map(e -> new PostRequest.ChannelText(e.getKey(), e.getValue()))
                .toList();
        List<Composer.Composed> composed = composer.compose(group, new PostRequest(itemId, at, all), source);
        requireSendable(composed);
        List<Document> channels = new ArrayList<>();
        for (int i = 0; i < composed.size(); i++) {
            Composer.Composed channel = composed.get(i);
            Document entry =
                    new Document(stored.get(i)).append("text", all.get(i).text());
            channels.add(entry);
            if (!deliveries.reschedule(
                    scope,
                    entry.getString("deliveryId"),
                    channel.channelId(),
                    message(group, post.getObjectId("_id"), entry, channel, now),
                    at)) {
                throw DomainException.conflict(
                        "already_sending", "this post has started sending; it can no longer change");
            }
            objects.update(
                    scope,
                    entry.getObjectId("integrationObjectId"),
                    eq("status", PostStatus.SCHEDULED),
                    Updates.combine(
                            Updates.set("objectValue.text", channel.text()),
                            Updates.set("objectValue.media", channel.images()),
                            Updates.set("publishDate", Date.from(at)),
                            Updates.set("updatedAt", Date.from(now))));
        }
        posts.replace(
                scope,
                post.getObjectId("_id"),
                Updates.combine(
                        Updates.set("publishAt", Date.from(at)),
                        Updates.set("channels", channels),
                        Updates.set("updatedAt", Date.from(now))));
        audit.record(scope, "post.updated", userId, "post", postId);
        return get(group, postId);
    }

    /** Cancels a post none of whose channels has started sending: nothing is sent, nothing kept. */
    public void delete(Group group, String userId, String postId) {
        TenantScope scope = group.scope();
        Document post = find(scope, postId);
        List<Document> channels = post.getList("channels", Document.class);
        requireNotStarted(scope, channels);
        for (Document channel : channels) {
            if (!deliveries.cancel(scope, channel.getString("deliveryId"))) {
                throw DomainException.conflict(
                        "already_sending", "this post has started sending; it can no longer be cancelled");
            }
            objects.delete(scope, channel.getObjectId("integrationObjectId"));
        }
        posts.delete(scope, post.getObjectId("_id"));
        audit.record(scope, "post.deleted", userId, "post", postId);
    }

    /**
     * A person's answer for a channel whose outcome is {@code unknown}: {@code published} (with the
     * permalink they found) or {@code failed}. Only an unknown channel can be confirmed (409).
     */
    public Map<String, Object> confirm(Group group, String userId, String postId, Map<String, Object> body) {
        TenantScope scope = group.scope();
        Document post = find(scope, postId);
        if (body == null) {
            throw DomainException.invalid(null, "a JSON object is required");
        }
        for (String key : body.keySet()) {
            if (!CONFIRM_KEYS.contains(key)) {
                throw DomainException.invalid(key, "unknown property '" + key + "'");
            }
        }
        if (!(body.get("channelId") instanceof String channelId)) {
            throw DomainException.invalid("channelId", "channelId is required");
        }
        Object status = body.get("status");
        if (!PostStatus.PUBLISHED.equals(status) && !PostStatus.FAILED.equals(status)) {
            throw DomainException.invalid("status", "status must be published or failed");
        }
        String permalink = null;
        if (body.get("permalink") != null) {
            permalink = permalink(body.get("permalink"));
        }
        List<Document> channels = post.getList("channels", Document.class);
        int index = indexOf(channels, channelId);
        if (index < 0) {
            throw DomainException.notFound("channel");
        }
        Document channel = channels.get(index);
        boolean published = PostStatus.PUBLISHED.equals(status);
        if (!deliveries.confirm(scope, channel.getString("deliveryId"), published)) {
            throw DomainException.conflict("not_unknown", "only a channel whose outcome is unknown can be confirmed");
        }
        Instant now = clock.instant();
        objects.update(
                scope,
                channel.getObjectId("integrationObjectId"),
                eq("status", PostStatus.UNKNOWN),
                Updates.combine(
                        Updates.set("status", status),
                        Updates.set("permalink", permalink),
                        Updates.set("publishDate", published ? Date.from(now) : null),
                        Updates.set("errorMessage", published ? null : "marked failed by a person"),
                        Updates.set("updatedAt", Date.from(now))));
        audit.record(scope, "post.confirmed", userId, "post", postId);
        return get(group, postId);
    }

    /**
     * The channels a post can go to, for the composer: id, name and platform only — editors post
     * but may not read a channel's settings.
     */
    public Map<String, Object> channels(Group group) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Map<String, Object> channel : composer.channelList(group.scope())) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("channelId", channel.get("_id"));
            one.put("name", channel.get("name"));
            one.put("platform", channel.get("type"));
            one.put("hasTemplate", channel.get("postTemplate") != null);
            shown.add(one);
        }
        return Map.of("channels", shown);
    }

    public Map<String, Object> get(Group group, String postId) {
        TenantScope scope = group.scope();
        Document post = find(scope, postId);
        return toWire(scope, post, objects.ofPost(scope, postId), true);
    }

    /** {@code {"posts": [...]}} due in {@code [from, to)}, optionally only those with a channel in {@code status}. */
    public Map<String, Object> list(Group group, String status, String from, String to) {
        TenantScope scope = group.scope();
        if (status != null && !status.isEmpty() && !PostStatus.ALL.contains(status)) {
            throw DomainException.invalid("status", "status must be one of " + String.join(", ", PostStatus.ALL));
        }
        List<Document> found = posts.between(scope, instant(from, "from"), instant(to, "to"), MAX_LIST);
        Map<String, List<Document>> byPost = new LinkedHashMap<>();
        for (Document object : objects.ofPosts(
                scope,
                found.stream().map(p -> p.getObjectId("_id").toHexString()).toList())) {
            byPost.computeIfAbsent(object.getString("postId"), k -> new ArrayList<>())
                    .add(object);
        }
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Document post : found) {
            List<Document> ofPost = byPost.getOrDefault(post.getObjectId("_id").toHexString(), List.of());
            if (status != null
                    && !status.isEmpty()
                    && ofPost.stream().noneMatch(o -> status.equals(o.getString("status")))) {
                continue;
            }
            shown.add(toWire(scope, post, ofPost, false));
        }
        return Map.of("posts", shown);
    }

    /** {@code withDeliveries}: each channel's delivery status too (one read each: for a single post only). */
    private Map<String, Object> toWire(
            TenantScope scope, Document post, List<Document> ofPost, boolean withDeliveries) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("postId", post.getObjectId("_id").toHexString());
        wire.put("itemId", post.getString("itemId"));
        wire.put("publishAt", BsonJson.date(post.getDate("publishAt")));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Document object : ofPost) {
            Map<String, Object> one = IntegrationObjectWire.of(scope.groupID(), object);
            one.put(
                    "deliveryStatus",
                    deliveries
                            .status(scope, object.getString("deliveryId"))
                            .map(DeliveryStatus::wire)
                            .orElse(null));
            shown.add(one);
        }
        wire.put("integrationObjects", shown);
        wire.put("createdAt", BsonJson.date(post.getDate("createdAt")));
        wire.put("updatedAt", BsonJson.date(post.getDate("updatedAt")));
        return wire;
    }

    private Document find(TenantScope scope, String postId) {
        return posts.find(scope, postId).orElseThrow(() -> DomainException.notFound("post"));
    }

    private void requireNotStarted(TenantScope scope, List<Document> channels) {
        for (Document channel : channels) {
            Optional<DeliveryStatus> status = deliveries.status(scope, channel.getString("deliveryId"));
            if (status.isPresent() && status.get() != DeliveryStatus.PENDING) {
                throw DomainException.conflict(
                        "already_sending", "this post has started sending; it can no longer change");
            }
        }
    }

    /** A post over a platform's limit, or with media a platform would refuse, cannot be scheduled. */
    static void requireSendable(List<Composer.Composed> composed) {
        for (int i = 0; i < composed.size(); i++) {
            Composer.Composed channel = composed.get(i);
            String name = "\u201c" + channel.target().name() + "\u201d ("
                    + channel.target().type().wireName() + ")";
            if (!channel.count().ok()) {
                throw DomainException.invalid(
                        "channels[" + i + "].text",
                        "the text for " + name + " counts " + channel.count().count() + "; the limit is "
                                + channel.count().limit());
            }
            if (channel.refusal().isPresent()) {
                throw DomainException.invalid(
                        "channels[" + i + "]",
                        name + " would refuse the images: " + channel.refusal().get());
            }
        }
    }

    private void requireQuota(Group group, int channels, Instant now) {
        long limit = TierLimits.of(group.tier()).postsPerMonth();
        if (limit == Long.MAX_VALUE) {
            return;
        }
        Instant monthStart = now.atZone(ZoneOffset.UTC)
                .withDayOfMonth(1)
                .truncatedTo(ChronoUnit.DAYS)
                .toInstant();
        if (objects.postsSince(group.scope(), monthStart) + channels > limit) {
            throw UsageCounters.exceeded(group.tier(), TierLimits.Quota.POSTS_PER_MONTH, limit);
        }
    }

    private static Instant when(Instant publishAt, Instant now) {
        if (publishAt == null) {
            return now;
        }
        if (publishAt.isBefore(now.minus(PAST_GRACE))) {
            throw DomainException.invalid("publishAt", "publishAt is in the past; leave it out to post now");
        }
        if (publishAt.isAfter(now.plus(MAX_AHEAD))) {
            throw DomainException.invalid("publishAt", "publishAt must be within a year");
        }
        return publishAt.isBefore(now) ? now : publishAt;
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, field + " must be an ISO 8601 time, like 2026-01-31T09:00:00Z");
        }
    }

    private static String permalink(Object value) {
        if (value instanceof String text && text.length() <= 2048) {
            try {
                URI uri = new URI(text.strip());
                if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
                    return uri.toString();
                }
            } catch (java.net.URISyntaxException e) {
                // refused below
            }
        }
        throw DomainException.invalid("permalink", "permalink must be an https URL");
    }

    private static int indexOf(List<Document> channels, String channelId) {
        for (int i = 0; i < channels.size(); i++) {
            if (channelId.equals(channels.get(i).getString("channelId"))) {
                return i;
            }
        }
        return -1;
    }

    private static Message message(
            Group group, ObjectId postId, Document entry, Composer.Composed channel, Instant composedAt) {
        Document data = new Document("postId", postId.toHexString())
                .append(
                        "integrationObjectId",
                        entry.getObjectId("integrationObjectId").toHexString())
                .append("bucketName", group.bucketName())
                .append("images", channel.images());
        return new Message(Message.POST, composedAt, data, channel.text(), true);
    }

    private static Document integrationObject(
            ObjectId id,
            ObjectId postId,
            String deliveryId,
            Composer.Composed channel,
            Optional<Composer.Source> source,
            Instant at,
            Instant now) {
        Document sourceRef = source.map(s -> new Document("objectID", s.item().id())
                        .append("collectionName", s.type().name())
                        .append("collectionID", s.type().id()))
                .orElse(null);
        String handle = channel.target().setting("handle");
        return new Document("_id", id)
                .append("platform", channel.target().type().wireName())
                .append("accountId", channel.channelId())
                .append(
                        "accountHandle",
                        handle != null ? handle : channel.target().name())
                .append("status", PostStatus.SCHEDULED)
                .append("publishDate", Date.from(at))
                .append("externalPostId", null)
                .append("permalink", null)
                .append("errorMessage", null)
                .append("sourceRef", sourceRef)
                .append("usingVariant", false)
                .append(
                        "objectValue",
                        new Document("text", channel.text())
                                .append(
                                        "title",
                                        source.map(s -> Composer.title(s.item()))
                                                .orElse(null))
                                .append("media", channel.images()))
                .append("post", true)
                .append("postId", postId.toHexString())
                .append("channelId", channel.channelId())
                .append("deliveryId", deliveryId)
                .append("archived", false)
                .append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now));
    }
}
