package io.vivreal.distribution.adapters;

import com.twitter.twittertext.Extractor;
import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code bluesky}: a post in the account's AT Protocol repository, in the XRPC calls the lexicons
 * define — {@code com.atproto.server.createSession} with the handle and an app password (the
 * session's {@code accessJwt} and {@code did}), {@code com.atproto.repo.uploadBlob} for each
 * image (raw bytes under the image's type), then {@code com.atproto.repo.createRecord} of an
 * {@code app.bsky.feed.post}: the text, {@code createdAt}, a {@code app.bsky.richtext.facet#link}
 * for every link (its place in UTF-8 bytes, as the lexicon counts) and an {@code
 * app.bsky.embed.images} embed with each image's alt text.
 *
 * <p><b>Idempotency.</b> The record key is chosen here, not by the PDS: a TID (the lexicon's key
 * type for posts) whose time is the post's composition time and whose last 30 bits come from a
 * hash of the delivery id. A retry after a lost answer therefore writes the same key; the PDS
 * refuses a second record under it (today with a 500, soon with an explicit error), and the adapter
 * then reads the record back ({@code com.atproto.repo.getRecord}): when it is there, the post was
 * made and the outcome is success — one post, never two. That holds only while {@link
 * PostContent#composedAt()} is stable across attempts, which its contract promises.
 *
 * <p>Messages that must not be public (channel tests, submissions) only open a session: a test
 * checks the handle and app password without posting anything. The session's tokens are never
 * logged: they are redacted from every excerpt, and a session's own answer is not kept at all.
 */
public final class BlueskyAdapter implements ChannelAdapter {

    public static final String DEFAULT_SERVICE = "https://bsky.social";
    public static final String COLLECTION = "app.bsky.feed.post";
    /** The lexicon's blob limit for {@code app.bsky.embed.images}, its four images; alt is unbounded there. */
    public static final MediaRules MEDIA =
            new MediaRules(Set.of("image/jpeg", "image/png", "image/webp"), 1_000_000, 4, 2000);

    private static final String TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    private static final Pattern HANDLE =
            Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}");
    private static final Pattern DID = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]{1,2048}");

    @Override
    public ChannelType type() {
        return ChannelType.BLUESKY;
    }

    @Override
    public boolean social() {
        return true;
    }

    /** The record key derived from the delivery makes a retry collide instead of posting twice. */
    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public TextCount count(ChannelTarget target, String text, OutboundHttp http) {
        return PlatformText.bluesky(text);
    }

    @Override
    public MediaRules mediaRules() {
        return MEDIA;
    }

    @Override
    public OutboundResponse deliver(ChannelTarget target, Message message, String deliveryId, OutboundHttp http) {
        if (!message.publicPost()) {
            return session(target, http).response;
        }
        return publish(target, new PostContent(message.text(), List.of(), message.timestamp()), deliveryId, http)
                .response();
    }

    @Override
    public PostOutcome publish(ChannelTarget target, PostContent content, String deliveryId, OutboundHttp http) {
        Session session = session(target, http);
        if (session.accessJwt == null) {
            return PostOutcome.of(session.response);
        }
        String base = service(target);
        List<String> secrets = new ArrayList<>(target.secrets());
        secrets.add(session.accessJwt);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + session.accessJwt);

        ArrayNode images = Json.MAPPER.createArrayNode();
        for (PostImage image : content.images()) {
            byte[] bytes;
            try {
                bytes = image.bytes().read();
            } catch (IOException | RuntimeException e) {
                return PostOutcome.of(Json.failure("media_unreadable", session.response.startedAt()));
            }
            OutboundResponse uploaded = http.send(OutboundRequest.bytes(
                    base + "/xrpc/com.atproto.repo.uploadBlob",
                    "settings.service",
                    auth,
                    image.mimeType(),
                    bytes,
                    secrets));
            if (!uploaded.succeeded()) {
                return PostOutcome.of(uploaded);
            }
            Optional<JsonNode> blob =
                    Json.read(uploaded).map(a -> a.path("blob")).filter(JsonNode::isObject);
            if (blob.isEmpty()) {
                return PostOutcome.of(Json.unreadable(uploaded));
            }
            ObjectNode entry = images.addObject();
            entry.put("alt", image.alt() == null ? "" : image.alt());
            entry.set("image", blob.get());
        }

        String rkey = recordKey(deliveryId, content.composedAt());
        String uri = "at://" + session.did + "/" + COLLECTION + "/" + rkey;
        String permalink = "https://bsky.app/profile/" + session.handle + "/post/" + rkey;
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("repo", session.did);
        body.put("collection", COLLECTION);
        body.put("rkey", rkey);
        body.set("record", record(content, images));
        OutboundResponse created = http.send(new OutboundRequest(
                base + "/xrpc/com.atproto.repo.createRecord", "settings.service", auth, body.toString(), secrets));
        if (created.succeeded()) {
            String answered =
                    Json.read(created).map(a -> a.path("uri").stringValue("")).orElse("");
            return new PostOutcome(created, answered.startsWith("at://") ? answered : uri, permalink);
        }
        if (created.status() != null && (created.status() == 401 || created.status() == 403)) {
            return PostOutcome.of(created);
        }
        // The answer failed or was lost: the record may exist already (an earlier attempt, or this
        // one before its answer broke). Its key is ours, so reading it back decides.
        OutboundResponse existing = http.send(OutboundRequest.get(
                base + "/xrpc/com.atproto.repo.getRecord?repo=" + encode(session.did) + "&collection=" + COLLECTION
                        + "&rkey=" + rkey,
                "settings.service",
                auth,
                secrets));
        if (existing.succeeded()
                && Json.read(existing).map(a -> a.path("value").isObject()).orElse(false)) {
            return new PostOutcome(existing, uri, permalink);
        }
        return PostOutcome.of(created);
    }

    /** The {@code app.bsky.feed.post} record: text, time, link facets and the image embed. */
    static ObjectNode record(PostContent content, ArrayNode images) {
        ObjectNode record = Json.MAPPER.createObjectNode();
        record.put("$type", COLLECTION);
        record.put("text", content.text());
        record.put(
                "createdAt", content.composedAt().truncatedTo(ChronoUnit.MILLIS).toString());
        ArrayNode facets = linkFacets(content.text());
        if (!facets.isEmpty()) {
            record.set("facets", facets);
        }
        if (!images.isEmpty()) {
            ObjectNode embed = record.putObject("embed");
            embed.put("$type", "app.bsky.embed.images");
            embed.set("images", images);
        }
        return record;
    }

    /**
     * A {@code #link} facet for every URL in the text; {@code byteStart}/{@code byteEnd} count
     * UTF-8 bytes (an emoji before a link is four bytes, not one or two characters). A link
     * written without a scheme ({@code example.com/x}) points at its {@code https} address, as
     * Bluesky's own client makes it.
     */
    static ArrayNode linkFacets(String text) {
        ArrayNode facets = Json.MAPPER.createArrayNode();
        for (Extractor.Entity url : PlatformText.urls(text, true)) {
            String value = url.getValue();
            String target =
                    value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8)
                            ? value
                            : "https://" + value;
            ObjectNode facet = facets.addObject();
            ObjectNode index = facet.putObject("index");
            index.put("byteStart", utf8Length(text.substring(0, url.getStart())));
            index.put("byteEnd", utf8Length(text.substring(0, url.getEnd())));
            ObjectNode feature = facet.putArray("features").addObject();
            feature.put("$type", "app.bsky.richtext.facet#link");
            feature.put("uri", target);
        }
        return facets;
    }

    /**
     * A valid TID (13 characters of base32-sortable: 53 bits of microseconds, 10 bits of clock id)
     * that is the same for the same delivery: the composition time to the second, then 30 bits of
     * SHA-256 of the delivery id in the sub-second microseconds and the clock id.
     */
    public static String recordKey(String deliveryId, Instant composedAt) {
        long hash = ByteBuffer.wrap(sha256(deliveryId)).getLong();
        long micros = composedAt.getEpochSecond() * 1_000_000L;
        long time = (micros & ~0xFFFFFL) | (hash & 0xFFFFFL);
        long clockId = (hash >>> 20) & 0x3FF;
        long tid = ((time & ((1L << 53) - 1)) << 10) | clockId;
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = TID_ALPHABET.charAt((int) (tid & 31));
            tid >>>= 5;
        }
        return new String(out);
    }

    /** A session's tokens, or the failed answer when there is none. */
    private record Session(OutboundResponse response, String accessJwt, String did, String handle) {}

    private Session session(ChannelTarget target, OutboundHttp http) {
        String identifier = target.setting("handle");
        String password = target.setting("appPassword");
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("identifier", identifier);
        body.put("password", password);
        OutboundResponse answer = http.send(new OutboundRequest(
                service(target) + "/xrpc/com.atproto.server.createSession",
                "settings.service",
                Map.of(),
                body.toString(),
                target.secrets()));
        if (!answer.succeeded()) {
            return new Session(answer, null, null, null);
        }
        Optional<JsonNode> read = Json.read(answer);
        String accessJwt = read.map(a -> a.path("accessJwt").stringValue("")).orElse("");
        String did = read.map(a -> a.path("did").stringValue("")).orElse("");
        String handle = read.map(a -> a.path("handle").stringValue("")).orElse("");
        // The answer holds the session's tokens: keep its status and timing, never its text.
        OutboundResponse withoutTokens = Json.withoutBody(answer);
        if (accessJwt.isEmpty() || !DID.matcher(did).matches() || accessJwt.length() > 8192) {
            return new Session(Json.unreadable(withoutTokens), null, null, null);
        }
        if (!HANDLE.matcher(handle).matches()) {
            handle = HANDLE.matcher(identifier).matches() ? identifier : did;
        }
        return new Session(withoutTokens, accessJwt, did, handle);
    }

    private static String service(ChannelTarget target) {
        String service = target.setting("service");
        return (service == null || service.isBlank() ? DEFAULT_SERVICE : service).replaceAll("/+$", "");
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
