package io.vivreal.distribution.feeds;

import io.vivreal.content.publish.ContentEvents;
import io.vivreal.content.publish.EventType;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the WebSub hub that a feed changed ("publish" ping: a form {@code POST} of {@code
 * hub.mode=publish} and {@code hub.url=<topic>}, one per advertised topic — the RSS, Atom and JSON
 * URLs). It reads the same durable outbox as the delivery engine ({@code content_events}) with its
 * own mark ({@code feedsNoted}): an event is marked only after its ping is recorded in {@link
 * WebSubPings}, and a ping is deleted only after the hub accepted it, so a crash at any point
 * repeats a ping at worst and never loses one. Publications, updates and unpublications all change
 * a feed and all ping it.
 *
 * <p>Retries are bounded: {@link #RETRIES} after the first attempt, then the ping is dropped (the
 * hub's subscribers still poll). Pings go through the one {@link OutboundHttp}, whose guard and
 * timeouts apply; the hub is the operator's, so one slow hub costs this single thread only.
 */
final class WebSubPublisher {

    private static final Logger log = LoggerFactory.getLogger(WebSubPublisher.class);
    static final List<Duration> RETRIES = List.of(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofHours(1));
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int EVENTS_PER_PASS = 200;
    private static final int PINGS_PER_PASS = 20;
    private static final List<FeedFormat> TOPICS = List.of(FeedFormat.RSS, FeedFormat.ATOM, FeedFormat.JSON);

    private final String hub;
    private final ContentEvents events;
    private final FeedRepository feeds;
    private final WebSubPings pings;
    private final FeedService service;
    private final OutboundHttp http;
    private final Clock clock;

    WebSubPublisher(
            String hub,
            ContentEvents events,
            FeedRepository feeds,
            WebSubPings pings,
            FeedService service,
            OutboundHttp http,
            Clock clock) {
        this.hub = hub == null || hub.isBlank() ? null : hub;
        this.events = events;
        this.feeds = feeds;
        this.pings = pings;
        this.service = service;
        this.http = http;
        this.clock = clock;
    }

    /** One pass: note new events as pings, then send the due pings. Without a hub, nothing. */
    void pass() {
        if (hub == null) {
            return;
        }
        note();
        send();
    }

    private void note() {
        Instant now = clock.instant();
        Map<String, Optional<FeedSettings>> byType = new HashMap<>();
        for (ContentEvents.Event event : events.awaitingFeeds(EVENTS_PER_PASS)) {
            if (event.type() != EventType.SUBMISSION_RECEIVED && event.collectionId() != null) {
                byType.computeIfAbsent(
                                event.scope().groupID() + "/" + event.collectionId(),
                                key -> feeds.forType(event.scope().groupID(), event.collectionId())
                                        .filter(FeedSettings::enabled))
                        .ifPresent(feed -> pings.request(feed.feedId(), feed.groupID(), now));
            }
            events.feedsNoted(event.id());
        }
    }

    private void send() {
        Instant now = clock.instant();
        for (WebSubPings.Claimed ping : pings.claim(now, now.plus(LEASE), PINGS_PER_PASS)) {
            Optional<FeedSettings> feed = feeds.find(ping.feedId()).filter(FeedSettings::enabled);
            if (feed.isEmpty()) {
                pings.drop(ping, clock.instant());
                continue;
            }
            if (ping(feed.get())) {
                pings.done(ping, clock.instant());
            } else if (ping.attempts() < RETRIES.size()) {
                pings.retry(ping, clock.instant().plus(RETRIES.get(ping.attempts())));
            } else {
                log.warn(
                        "WebSub hub refused the pings for a feed of group {} {} times; giving up",
                        ping.groupID(),
                        ping.attempts() + 1);
                pings.drop(ping, clock.instant());
            }
        }
    }

    private boolean ping(FeedSettings feed) {
        boolean all = true;
        for (FeedFormat format : TOPICS) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("hub.mode", "publish");
            form.put("hub.url", service.url(feed.feedId(), format));
            all &= http.send(OutboundRequest.form(hub, "VIVREAL_WEBSUB_HUB", Map.of(), form, List.of()))
                    .succeeded();
        }
        return all;
    }
}
