package io.vivreal.distribution.delivery;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.ChannelAdapter;
import io.vivreal.distribution.adapters.ChannelAdapters;
import io.vivreal.distribution.adapters.Message;
import io.vivreal.distribution.adapters.PostOutcome;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one claimed lane: sends the channel's due deliveries in event order, one at a time. A
 * delivery waiting for its retry holds the ones after it back (per-channel order). It first turns
 * deliveries a stopped worker left in {@code sending} into {@code unknown} (to be sent again with
 * the same id: at-least-once), skips everything of a disabled or deleted channel, and gives the
 * lane back after {@link #BUDGET} so other lanes get their turn.
 *
 * <p>A post's delivery is published through {@link ChannelAdapter#publish} and its integration
 * object kept in step ({@link PostSends}). On a platform without idempotency a post whose outcome
 * was lost — a crash while sending, or no answer — ends {@code unknown} and held: it is not sent
 * again until a person confirms or resends it.
 */
final class LaneWorker {

    private static final Logger log = LoggerFactory.getLogger(LaneWorker.class);

    static final Duration BUDGET = Duration.ofSeconds(10);
    private static final int BATCH = 50;
    static final String SYSTEM = "system";

    private final ChannelService channels;
    private final DeliveryRepository deliveries;
    private final ChannelHealthRepository health;
    private final DeliveryLanes lanes;
    private final ChannelAdapters adapters;
    private final OutboundHttp http;
    private final DeliveryPolicy policy;
    private final AuditLog audit;
    private final Clock clock;
    private final PostSends posts;
    private final AttemptCounts attempts;

    LaneWorker(
            ChannelService channels,
            DeliveryRepository deliveries,
            ChannelHealthRepository health,
            DeliveryLanes lanes,
            ChannelAdapters adapters,
            OutboundHttp http,
            DeliveryPolicy policy,
            AuditLog audit,
            Clock clock,
            PostSends posts,
            AttemptCounts attempts) {
        this.posts = posts;
        this.attempts = attempts;
        this.channels = channels;
        this.deliveries = deliveries;
        this.health = health;
        this.lanes = lanes;
        this.adapters = adapters;
        this.http = http;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** Works the lane until nothing is due, the budget is spent or the lease is lost; then releases it. */
    void work(DeliveryLanes.Lane lane, String owner, BooleanSupplier leaseHeld) {
        TenantScope scope = lane.scope();
        String channelId = lane.channelId();
        Instant started = clock.instant();
        Optional<ChannelTarget> target;
        boolean unreadable = false;
        try {
            target = channels.target(scope, channelId);
        } catch (DomainException e) {
            // a secret cannot be decrypted: every attempt fails visibly until the owner enters it again
            target = Optional.empty();
            unreadable = true;
        }
        if (target.isEmpty() && !unreadable) {
            skipOpen(scope, channelId, "the channel was deleted");
            for (Delivery lost : deliveries.sending(scope, channelId)) {
                deliveries.finish(
                        scope, lost.id(), DeliveryStatus.SENDING, lostAttempt(lost), DeliveryStatus.SKIPPED, null);
                if (isPost(lost)) {
                    posts.failed(scope, lost, "the channel was deleted");
                }
            }
            health.delete(scope, channelId);
            lanes.delete(channelId);
            return;
        }
        ChannelHealth current = health.get(scope, channelId);
        ChannelAdapter adapter = target.map(t -> adapters.of(t.type())).orElse(null);
        for (Delivery lost : deliveries.sending(scope, channelId)) {
            // the lane was free, so whoever marked this is gone: the receiver may or may not have it
            boolean hold = isPost(lost) && adapter != null && !adapter.idempotent();
            deliveries.finish(
                    scope,
                    lost.id(),
                    DeliveryStatus.SENDING,
                    lostAttempt(lost),
                    DeliveryStatus.UNKNOWN,
                    hold ? null : clock.instant(),
                    hold);
            if (hold) {
                posts.unknown(scope, lost);
            }
        }
        if (current.disabled()) {
            skipOpen(scope, channelId, "the channel is disabled");
            lanes.release(lane, owner, DeliveryLanes.IDLE, clock.instant());
            return;
        }
        while (true) {
            Instant now = clock.instant();
            if (!leaseHeld.getAsBoolean()) {
                // stopping, or the lease lapsed: give it back (a no-op if another owner has it)
                lanes.release(lane, owner, now, now);
                return;
            }
            if (Duration.between(started, now).compareTo(BUDGET) > 0) {
                lanes.release(lane, owner, now, now);
                return;
            }
            List<Delivery> due = deliveries.open(scope, channelId, BATCH);
            if (due.isEmpty()) {
                lanes.release(lane, owner, DeliveryLanes.IDLE, now);
                return;
            }
            for (Delivery delivery : due) {
                now = clock.instant();
                if (delivery.nextAttemptAt() != null && delivery.nextAttemptAt().isAfter(now)) {
                    lanes.release(lane, owner, delivery.nextAttemptAt(), now);
                    return;
                }
                if (!leaseHeld.getAsBoolean() || Duration.between(started, now).compareTo(BUDGET) > 0) {
                    break;
                }
                if (!deliveries.markSending(scope, delivery, now)) {
                    break; // changed meanwhile (a resend): read the lane again
                }
                boolean post = isPost(delivery);
                OutboundResponse unreadableAnswer =
                        new OutboundResponse(null, "credential_unreadable", now, 0, null, Optional.empty());
                PostOutcome outcome = null;
                OutboundResponse response;
                if (target.isEmpty()) {
                    response = unreadableAnswer;
                } else if (post) {
                    posts.started(scope, delivery);
                    outcome = adapter.publish(target.get(), posts.content(scope, delivery), delivery.id(), http);
                    response = outcome.response();
                } else {
                    response = adapter.deliver(target.get(), delivery.message(), delivery.id(), http);
                }
                Instant after = clock.instant();
                DeliveryPolicy.Decision decision = post
                        ? policy.decidePost(
                                response,
                                delivery.attemptsInRound() + 1,
                                current,
                                after,
                                adapter == null || adapter.idempotent())
                        : policy.decide(response, delivery.attemptsInRound() + 1, current, after);
                Attempt attempt = Attempt.of(delivery.attempts().size() + 1, response);
                if (adapter != null) {
                    attempts.record(adapter.type(), decision.status());
                }
                boolean held = post && decision.status() == DeliveryStatus.UNKNOWN;
                deliveries.finish(
                        scope,
                        delivery.id(),
                        DeliveryStatus.SENDING,
                        attempt,
                        decision.status(),
                        decision.nextAttemptAt(),
                        held);
                if (post) {
                    switch (decision.status()) {
                        case SUCCEEDED -> posts.published(scope, delivery, outcome);
                        case EXHAUSTED -> posts.failed(scope, delivery, reason(response));
                        case UNKNOWN -> posts.unknown(scope, delivery);
                        default -> {
                            // retrying: the integration object stays publishing
                        }
                    }
                }
                if (decision.status() == DeliveryStatus.SUCCEEDED) {
                    // a healthy channel's lastSuccessAt is written at most once a second
                    if (current.failureStreak() > 0
                            || current.lastSuccessAt() == null
                            || current.lastSuccessAt().plusSeconds(1).isBefore(after)) {
                        health.succeeded(scope, channelId, after);
                        current = new ChannelHealth(after, 0, null, false, null);
                    }
                } else {
                    health.failed(scope, channelId, current, after);
                    current = health.get(scope, channelId);
                }
                if (decision.status() == DeliveryStatus.EXHAUSTED) {
                    audit.record(scope, "delivery.exhausted", SYSTEM, "delivery", delivery.id());
                }
                if (decision.disable().isPresent()) {
                    health.disable(scope, channelId, decision.disable().get(), after);
                    audit.record(scope, "channel.disabled", SYSTEM, "channel", channelId);
                    log.warn(
                            "channel {} of group {} disabled: {}",
                            channelId,
                            scope.groupID(),
                            decision.disable().get());
                    skipOpen(
                            scope,
                            channelId,
                            "the channel was disabled: " + decision.disable().get());
                    lanes.release(lane, owner, DeliveryLanes.IDLE, after);
                    return;
                }
                if (decision.status() == DeliveryStatus.RETRYING) {
                    lanes.release(lane, owner, decision.nextAttemptAt(), after);
                    return;
                }
            }
        }
    }

    private static boolean isPost(Delivery delivery) {
        return Message.POST.equals(delivery.message().type());
    }

    /** Skips a channel's open deliveries, failing the integration objects of posts among them first. */
    private void skipOpen(TenantScope scope, String channelId, String reason) {
        for (Delivery post : deliveries.openPosts(scope, channelId, BATCH * 10)) {
            posts.failed(scope, post, reason);
        }
        deliveries.skipOpen(scope, channelId);
    }

    /** What a failed post's integration object says: the platform's status or the kind of failure. */
    static String reason(OutboundResponse response) {
        if ("needs_reconnect".equals(response.error())) {
            return "the platform refused the account's connection: reconnect the channel (needsReconnect)";
        }
        return response.status() != null
                ? "the platform answered " + response.status()
                        + (response.error() == null ? "" : " (" + response.error() + ")")
                : "no answer from the platform (" + response.error() + ")";
    }

    private Attempt lostAttempt(Delivery delivery) {
        return new Attempt(delivery.attempts().size() + 1, clock.instant(), 0, null, "worker_stopped", null);
    }
}
