package io.vivreal.distribution.adapters;

import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mastodon}: {@code POST instanceUrl/api/v1/statuses} with the access token and {@code
 * Idempotency-Key} set to the delivery's id — Mastodon keeps one status per key for an hour, so a
 * retry after a lost answer does not post twice. Visibility is {@code public} for content events
 * and posts, and {@code direct} for tests and submissions, which must not be posted publicly.
 *
 * <p>A post's images go first to {@code POST /api/v2/media} (multipart {@code file} and {@code
 * description}, the alt text). {@code 200} means ready; {@code 202} means the instance is still
 * processing, and {@code GET /api/v1/media/:id} is polled a bounded number of times ({@code 206}
 * while processing) — Mastodon refuses a status with unprocessed media. An upload repeated by a
 * retry leaves an unattached file, which the instance deletes by itself; the status is never
 * repeated.
 *
 * <p>The text limit is the instance's ({@code GET /api/v2/instance}, {@code
 * configuration.statuses.max_characters}, 500 when unreadable), remembered per instance for an
 * hour (a failed read for five minutes) in a bounded cache.
 */
public final class MastodonAdapter implements ChannelAdapter {

    /** Mastodon's defaults: its image types, 16 MB, four attachments, 1,500 characters of alt. */
    public static final MediaRules MEDIA =
            new MediaRules(Set.of("image/jpeg", "image/png", "image/gif", "image/webp"), 16L * 1024 * 1024, 4, 1500);

    static final Duration KNOWN = Duration.ofHours(1);
    static final Duration UNKNOWN = Duration.ofMinutes(5);
    static final int MAX_INSTANCES = 1000;
    /** Waits between polls of a processing upload: at most ~8 s in all, then the attempt fails. */
    public static final List<Duration> POLLS = List.of(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4));

    private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,64}");
    private static final Pattern FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");

    private record Limits(int maxCharacters, int urlLength, Instant until) {}

    private final Clock clock;
    private final List<Duration> polls;
    private final Map<String, Limits> instances = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Limits> eldest) {
            return size() > MAX_INSTANCES;
        }
    };

    public MastodonAdapter() {
        this(Clock.systemUTC(), POLLS);
    }

    public MastodonAdapter(Clock clock, List<Duration> polls) {
        this.clock = clock;
        this.polls = List.copyOf(polls);
    }

    @Override
    public ChannelType type() {
        return ChannelType.MASTODON;
    }

    @Override
    public boolean social() {
        return true;
    }

    @Override
    public OutboundResponse deliver(ChannelTarget target, Message message, String deliveryId, OutboundHttp http) {
        return http.send(new OutboundRequest(
                base(target) + "/api/v1/statuses",
                "settings.instanceUrl",
                headers(target, deliveryId),
                new Document("status", message.text())
                        .append("visibility", message.publicPost() ? "public" : "direct")
                        .toJson(),
                target.secrets()));
    }

    @Override
    public TextCount count(ChannelTarget target, String text, OutboundHttp http) {
        Limits limits = limits(target, http);
        return PlatformText.mastodon(text, limits.maxCharacters(), limits.urlLength());
    }

    @Override
    public MediaRules mediaRules() {
        return MEDIA;
    }

    @Override
    public PostOutcome publish(ChannelTarget target, PostContent content, String deliveryId, OutboundHttp http) {
        String base = base(target);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + target.setting("accessToken"));
        List<String> mediaIds = new ArrayList<>();
        for (PostImage image : content.images()) {
            byte[] bytes;
            try {
                bytes = image.bytes().read();
            } catch (IOException | RuntimeException e) {
                return PostOutcome.of(Json.failure("media_unreadable", clock.instant()));
            }
            HttpEntity multipart = MultipartEntityBuilder.create()
                    .setMode(HttpMultipartMode.EXTENDED)
                    .setCharset(StandardCharsets.UTF_8)
                    .addBinaryBody("file", bytes, ContentType.create(image.mimeType()), fileName(image))
                    .addTextBody(
                            "description",
                            image.alt() == null ? "" : image.alt(),
                            ContentType.create("text/plain", StandardCharsets.UTF_8))
                    .build();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try {
                multipart.writeTo(body);
            } catch (IOException e) {
                return PostOutcome.of(Json.failure("media_unreadable", clock.instant()));
            }
            OutboundResponse uploaded = http.send(OutboundRequest.bytes(
                    base + "/api/v2/media",
                    "settings.instanceUrl",
                    auth,
                    multipart.getContentType(),
                    body.toByteArray(),
                    target.secrets()));
            if (!uploaded.succeeded()) {
                return PostOutcome.of(uploaded);
            }
            Optional<String> id = Json.read(uploaded)
                    .map(a -> a.path("id").asString(""))
                    .filter(v -> ID.matcher(v).matches());
            if (id.isEmpty()) {
                return PostOutcome.of(Json.unreadable(uploaded));
            }
            if (uploaded.status() == 202) {
                OutboundResponse ready = awaitProcessed(base, id.get(), auth, target, http);
                if (ready.status() == null || ready.status() != 200) {
                    return PostOutcome.of(ready);
                }
            }
            mediaIds.add(id.get());
        }
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("status", content.text());
        status.put("visibility", "public");
        if (!mediaIds.isEmpty()) {
            mediaIds.forEach(status.putArray("media_ids")::add);
        }
        OutboundResponse posted = http.send(new OutboundRequest(
                base + "/api/v1/statuses",
                "settings.instanceUrl",
                headers(target, deliveryId),
                status.toString(),
                target.secrets()));
        if (!posted.succeeded()) {
            return PostOutcome.of(posted);
        }
        Optional<JsonNode> answer = Json.read(posted);
        String id = answer.map(a -> a.path("id").asString("")).orElse("");
        if (!ID.matcher(id).matches()) {
            // posted, but unreadable: the retry sends the same Idempotency-Key and reads the same status
            return PostOutcome.of(Json.unreadable(posted));
        }
        String url = answer.map(a -> a.path("url").asString("")).orElse("");
        return new PostOutcome(posted, id, url.startsWith("https://") || url.startsWith("http://") ? url : null);
    }

    /** Polls a processing upload until {@code 200}; a failure, or {@code media_processing} when it takes too long. */
    private OutboundResponse awaitProcessed(
            String base, String id, Map<String, String> auth, ChannelTarget target, OutboundHttp http) {
        OutboundResponse last = null;
        for (Duration wait : polls) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Json.failure("interrupted", clock.instant());
            }
            last = http.send(
                    OutboundRequest.get(base + "/api/v1/media/" + id, "settings.instanceUrl", auth, target.secrets()));
            if (last.status() == null || last.status() != 206) {
                return last;
            }
        }
        return Json.failure("media_processing", last == null ? clock.instant() : last.startedAt());
    }

    /** The instance's limits, read once an hour; defaults when the instance does not tell. */
    private Limits limits(ChannelTarget target, OutboundHttp http) {
        String base = base(target);
        Instant now = clock.instant();
        synchronized (instances) {
            Limits known = instances.get(base);
            if (known != null && known.until().isAfter(now)) {
                return known;
            }
        }
        OutboundResponse answer = http.send(OutboundRequest.get(
                base + "/api/v2/instance", "settings.instanceUrl", Map.of("Accept", "application/json"), List.of()));
        Optional<JsonNode> statuses = answer.succeeded()
                ? Json.read(answer).map(a -> a.path("configuration").path("statuses"))
                : Optional.empty();
        int max = statuses.map(s -> s.path("max_characters").asInt(0)).orElse(0);
        int url = statuses.map(s -> s.path("characters_reserved_per_url").asInt(0))
                .orElse(0);
        Limits limits = max > 0 && max <= 1_000_000
                ? new Limits(max, url > 0 && url <= 1000 ? url : PlatformText.URL_LENGTH, now.plus(KNOWN))
                : new Limits(PlatformText.MASTODON_DEFAULT_LIMIT, PlatformText.URL_LENGTH, now.plus(UNKNOWN));
        synchronized (instances) {
            instances.put(base, limits);
        }
        return limits;
    }

    private static Map<String, String> headers(ChannelTarget target, String deliveryId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + target.setting("accessToken"));
        headers.put("Idempotency-Key", deliveryId);
        return headers;
    }

    private static String base(ChannelTarget target) {
        return target.setting("instanceUrl").replaceAll("/+$", "");
    }

    private static String fileName(PostImage image) {
        String key = image.mediaKey() == null ? "" : image.mediaKey();
        String name = FILE_NAME.matcher(key.substring(key.lastIndexOf('/') + 1)).replaceAll("_");
        return name.isEmpty() ? "image" : name;
    }
}
