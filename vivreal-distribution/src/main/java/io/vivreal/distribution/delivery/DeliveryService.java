package io.vivreal.distribution.delivery;

import io.vivreal.core.audit.AuditLog;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.group.Group;
import io.vivreal.core.ratelimit.RateLimitedException;
import io.vivreal.core.ratelimit.RateLimiter;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.distribution.adapters.ChannelAdapters;
import io.vivreal.distribution.adapters.Message;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery log and its controls for the Management API. Callers authorise first (owners and
 * admins) and pass the group from the caller's checked membership; every read and write goes
 * through that group's tenant scope, so another group's delivery or channel id is simply not
 * found.
 */
public final class DeliveryService {

    static final int MAX_RECOVER = 10_000;

    private final DeliveryRepository deliveries;
    private final ChannelHealthRepository health;
    private final DeliveryLanes lanes;
    private final ChannelService channels;
    private final ChannelAdapters adapters;
    private final OutboundHttp http;
    private final AuditLog audit;
    private final Clock clock;
    static final Duration TEST_WINDOW = Duration.ofMinutes(10);

    private final SecureRandom random;
    private final Runnable nudge;
    private final RateLimiter limiter;
    private final int testsPerWindow;

    DeliveryService(
            DeliveryRepository deliveries,
            ChannelHealthRepository health,
            DeliveryLanes lanes,
            ChannelService channels,
            ChannelAdapters adapters,
            OutboundHttp http,
            AuditLog audit,
            Clock clock,
            SecureRandom random,
            Runnable nudge,
            RateLimiter limiter,
            int testsPerWindow) {
        this.deliveries = deliveries;
        this.health = health;
        this.lanes = lanes;
        this.channels = channels;
        this.adapters = adapters;
        this.http = http;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.nudge = nudge;
        this.limiter = limiter;
        this.testsPerWindow = testsPerWindow;
    }

    /** {@code {"deliveries": [...], "nextCursor": ...}}, newest first. */
    public Map<String, Object> list(Group group, DeliveryQuery query) {
        List<Delivery> page = deliveries.list(group.scope(), query);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deliveries", page.stream().map(Delivery::toWire).toList());
        answer.put(
                "nextCursor",
                page.size() < query.limit()
                        ? null
                        : new DeliveryQuery.Cursor(
                                        page.get(page.size() - 1).createdAt(),
                                        page.get(page.size() - 1).id())
                                .encode());
        return answer;
    }

    public Map<String, Object> get(Group group, String deliveryId) {
        return find(group.scope(), deliveryId).toWire();
    }

    /**
     * Sends a delivery again now, with the same id and a fresh retry schedule (also one waiting
     * for a retry). One already queued or being sent is left as it is (409), so a double click
     * sends once.
     */
    public Map<String, Object> resend(Group group, String userId, String deliveryId) {
        TenantScope scope = group.scope();
        Delivery delivery = find(scope, deliveryId);
        if (delivery.status() == DeliveryStatus.PENDING || delivery.status() == DeliveryStatus.SENDING) {
            throw DomainException.conflict("already_queued", "this delivery is already queued or being sent");
        }
        Instant now = clock.instant();
        if (!deliveries.requeue(scope, delivery, now)) {
            throw DomainException.conflict("concurrent_change", "the delivery changed at the same moment; try again");
        }
        lanes.signal(scope, delivery.channelId(), now);
        audit.record(scope, "delivery.resent", userId, "delivery", deliveryId);
        nudge.run();
        return find(scope, deliveryId).toWire();
    }

    /**
     * Re-queues a channel's failed deliveries (exhausted, skipped, unknown) made since {@code
     * since}, oldest first, each once; answers how many.
     */
    public Map<String, Object> recover(Group group, String userId, String channelId, Map<String, Object> body) {
        TenantScope scope = group.scope();
        requireChannel(scope, channelId);
        Object raw = body == null ? null : body.get("since");
        if (!(raw instanceof String text)) {
            throw DomainException.invalid("since", "since must be an ISO 8601 time, like 2026-01-31T09:00:00Z");
        }
        Instant since;
        try {
            since = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("since", "since must be an ISO 8601 time, like 2026-01-31T09:00:00Z");
        }
        Instant now = clock.instant();
        if (since.isAfter(now)) {
            throw DomainException.invalid("since", "since must not be in the future");
        }
        int requeued = 0;
        for (Delivery delivery : deliveries.failedSince(scope, channelId, since, MAX_RECOVER)) {
            if (deliveries.requeue(scope, delivery, now)) {
                requeued++;
            }
        }
        if (requeued > 0) {
            lanes.signal(scope, channelId, now);
            nudge.run();
        }
        audit.record(scope, "channel.recovered", userId, "channel", channelId);
        return Map.of("requeued", requeued);
    }

    /** Enables a disabled channel again; its queued deliveries go out. */
    public Map<String, Object> enable(Group group, String userId, String channelId) {
        TenantScope scope = group.scope();
        requireChannel(scope, channelId);
        health.enable(scope, channelId);
        lanes.signal(scope, channelId, clock.instant());
        audit.record(scope, "channel.enabled", userId, "channel", channelId);
        nudge.run();
        return health.get(scope, channelId).toWire();
    }

    public ChannelHealth health(TenantScope scope, String channelId) {
        return health.get(scope, channelId);
    }

    public Map<String, ChannelHealth> health(TenantScope scope, List<String> channelIds) {
        return health.get(scope, channelIds);
    }

    /**
     * Sends a small test message through the channel, outside the queue, and reports what the
     * remote answered: {@code {status: delivered|failed, remoteStatus, error}}.
     */
    /**
     * Sends a test message. Limited per channel ({@link #TEST_WINDOW}), and the answer says only
     * whether it was delivered: the remote's status or the kind of connection failure would turn
     * this route into a port scanner of whatever the address can reach. Real deliveries' attempts
     * (owners and admins, in the delivery log) keep the detail.
     */
    public Map<String, Object> test(Group group, String userId, String channelId) {
        TenantScope scope = group.scope();
        ChannelTarget target = channels.target(scope, channelId).orElseThrow(() -> DomainException.notFound("channel"));
        RateLimiter.Decision decision = limiter.attempt("channel-test:" + channelId, testsPerWindow, TEST_WINDOW);
        if (!decision.allowed()) {
            throw new RateLimitedException(
                    "at most " + testsPerWindow + " test sends per channel every 10 minutes", decision.retryAfter());
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        OutboundResponse response = adapters.of(target.type())
                .deliver(
                        target,
                        Message.test(target.name(), clock.instant()),
                        "msg_" + HexFormat.of().formatHex(id),
                        http);
        audit.record(scope, "channel.tested", userId, "channel", channelId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", response.succeeded() ? "delivered" : "failed");
        if (!response.succeeded()) {
            String error = response.error();
            answer.put(
                    "error",
                    "refused_by_guard".equals(error) || DeliveryPolicy.NEEDS_RECONNECT.equals(error)
                            ? error
                            : "not_delivered");
        }
        return answer;
    }

    private Delivery find(TenantScope scope, String deliveryId) {
        return deliveries.find(scope, deliveryId).orElseThrow(() -> DomainException.notFound("delivery"));
    }

    private void requireChannel(TenantScope scope, String channelId) {
        if (!channels.channelIds(scope).contains(channelId)) {
            throw DomainException.notFound("channel");
        }
    }
}
