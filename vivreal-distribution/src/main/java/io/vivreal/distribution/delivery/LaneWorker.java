package io.vivreal.distribution.delivery;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.ChannelAdapters;
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

    LaneWorker(
            ChannelService channels,
            DeliveryRepository deliveries,
            ChannelHealthRepository health,
            DeliveryLanes lanes,
            ChannelAdapters adapters,
            OutboundHttp http,
            DeliveryPolicy policy,
            AuditLog audit,
            Clock clock) {
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
            deliveries.skipOpen(scope, channelId);
            for (Delivery lost : deliveries.sending(scope, channelId)) {
                deliveries.finish(
                        scope, lost.id(), DeliveryStatus.SENDING, lostAttempt(lost), DeliveryStatus.SKIPPED, null);
            }
            health.delete(scope, channelId);
            lanes.delete(channelId);
            return;
        }
        ChannelHealth current = health.get(scope, channelId);
        for (Delivery lost : deliveries.sending(scope, channelId)) {
            // the lane was free, so whoever marked this is gone: the receiver may or may not have it
            deliveries.finish(
                    scope,
                    lost.id(),
                    DeliveryStatus.SENDING,
                    lostAttempt(lost),
                    DeliveryStatus.UNKNOWN,
                    clock.instant());
        }
        if (current.disabled()) {
            deliveries.skipOpen(scope, channelId);
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
                OutboundResponse response = target.isPresent()
                        ? adapters.of(target.get().type())
                                .deliver(target.get(), delivery.message(), delivery.id(), http)
                        : new OutboundResponse(null, "credential_unreadable", now, 0, null, Optional.empty());
                Instant after = clock.instant();
                DeliveryPolicy.Decision decision =
                        policy.decide(response, delivery.attemptsInRound() + 1, current, after);
                Attempt attempt = Attempt.of(delivery.attempts().size() + 1, response);
                deliveries.finish(
                        scope,
                        delivery.id(),
                        DeliveryStatus.SENDING,
                        attempt,
                        decision.status(),
                        decision.nextAttemptAt());
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
                    deliveries.skipOpen(scope, channelId);
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

    private Attempt lostAttempt(Delivery delivery) {
        return new Attempt(delivery.attempts().size() + 1, clock.instant(), 0, null, "worker_stopped", null);
    }
}
