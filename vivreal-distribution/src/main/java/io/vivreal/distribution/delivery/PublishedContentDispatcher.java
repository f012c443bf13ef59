package io.vivreal.distribution.delivery;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.vivreal.core.group.Group;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.IndexDefinitions;
import io.vivreal.core.store.IndexSpec;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.channels.ChannelService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes published content out: for every {@code content.published} event of the outbox it
 * delivers a message through each of the group's channels. Every instance runs it; an event is
 * claimed with one atomic update (for {@link #CLAIM}), so two instances do not deliver it twice.
 * Channels that fail are retried with exponential back-off, up to {@link #MAX_ATTEMPTS} times;
 * the outcome per channel stays on the event ({@code dispatch}). Events older than {@link
 * #MAX_AGE} when first seen are not delivered (a new instance must not replay history).
 */
public final class PublishedContentDispatcher implements IndexDefinitions {

    private static final Logger log = LoggerFactory.getLogger(PublishedContentDispatcher.class);

    static final String EVENTS = "content_events";
    static final Duration CLAIM = Duration.ofSeconds(60);
    static final Duration MAX_AGE = Duration.ofHours(1);
    static final int MAX_ATTEMPTS = 5;
    private static final int BATCH = 20;

    private final MongoCollection<Document> events;
    private final GroupRepository groups;
    private final ChannelService channels;
    private final BiFunction<TenantScope, Document, Message> messages;
    private final Clock clock;
    private final Duration retryBase;

    public PublishedContentDispatcher(
            ControlPlane controlPlane,
            GroupRepository groups,
            ChannelService channels,
            BiFunction<TenantScope, Document, Message> messages,
            Clock clock,
            Duration retryBase) {
        this.events = controlPlane.collection(EVENTS);
        this.groups = groups;
        this.channels = channels;
        this.messages = messages;
        this.clock = clock;
        this.retryBase = retryBase;
    }

    /** The claim query's index on MongoDB: open events by age. */
    @Override
    public List<IndexSpec> controlPlane() {
        return List.of(IndexSpec.of(EVENTS, new Document("dispatch.done", 1).append("createdAt", 1)));
    }

    /** Delivers what is due; answers how many events it handled. */
    public int runOnce() {
        int handled = 0;
        for (int i = 0; i < BATCH; i++) {
            Optional<Document> event = claim();
            if (event.isEmpty()) {
                break;
            }
            dispatch(event.get());
            handled++;
        }
        return handled;
    }

    private Optional<Document> claim() {
        Instant now = clock.instant();
        return Optional.ofNullable(events.findOneAndUpdate(
                and(
                        eq("type", "content.published"),
                        ne("dispatch.done", true),
                        gte("createdAt", Date.from(now.minus(MAX_AGE))),
                        or(exists("dispatch.claimUntil", false), lte("dispatch.claimUntil", Date.from(now))),
                        or(exists("dispatch.nextAttemptAt", false), lte("dispatch.nextAttemptAt", Date.from(now)))),
                Updates.set("dispatch.claimUntil", Date.from(now.plus(CLAIM))),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("createdAt")).returnDocument(ReturnDocument.AFTER)));
    }

    private void dispatch(Document event) {
        String eventId = event.getString("_id");
        Document dispatch = event.get("dispatch", new Document());
        Optional<Group> group = groups.findById(event.getString("groupID"));
        if (group.isEmpty()) {
            finish(eventId, List.of(), dispatch.getInteger("attempts", 0), new Document());
            return;
        }
        TenantScope scope = group.get().scope();
        @SuppressWarnings("unchecked")
        List<String> pending = dispatch.containsKey("pending")
                ? new ArrayList<>((List<String>) dispatch.get("pending"))
                : new ArrayList<>(channels.channelIds(scope));
        int attempts = dispatch.getInteger("attempts", 0) + 1;
        Document results = dispatch.get("results", new Document());
        if (!pending.isEmpty()) {
            Message message = messages.apply(scope, event);
            for (String channelId : List.copyOf(pending)) {
                DeliveryResult result = channels.deliver(scope, channelId, message);
                results.put(
                        channelId,
                        new Document("status", result.status())
                                .append("remoteStatus", result.remoteStatus())
                                .append("error", result.error())
                                .append("at", Date.from(clock.instant())));
                if ("delivered".equals(result.status())) {
                    pending.remove(channelId);
                }
            }
        }
        if (pending.isEmpty() || attempts >= MAX_ATTEMPTS) {
            if (!pending.isEmpty()) {
                log.warn(
                        "content.published {} of group {}: {} channel(s) still failing after {} attempts; giving up",
                        eventId,
                        scope.groupID(),
                        pending.size(),
                        attempts);
            }
            finish(eventId, pending, attempts, results);
        } else {
            Duration wait = retryBase.multipliedBy(1L << (attempts - 1));
            events.updateOne(
                    eq("_id", eventId),
                    Updates.combine(
                            Updates.set("dispatch.pending", pending),
                            Updates.set("dispatch.attempts", attempts),
                            Updates.set("dispatch.results", results),
                            Updates.set(
                                    "dispatch.nextAttemptAt",
                                    Date.from(clock.instant().plus(wait))),
                            Updates.unset("dispatch.claimUntil")));
        }
    }

    private void finish(String eventId, List<String> pending, int attempts, Document results) {
        events.updateOne(
                eq("_id", eventId),
                Updates.combine(
                        Updates.set("dispatch.done", true),
                        Updates.set("dispatch.pending", pending),
                        Updates.set("dispatch.attempts", attempts),
                        Updates.set("dispatch.results", results),
                        Updates.unset("dispatch.claimUntil")));
    }
}
