package io.vivreal.distribution.adapters;

import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.connections.AccessToken;
import io.vivreal.distribution.connections.ConnectionTokens;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * {@code linkedin}: a member's post through LinkedIn's Posts API ({@code POST /rest/posts} with
 * {@code LinkedIn-Version} and {@code X-Restli-Protocol-Version: 2.0.0}), as the member the
 * channel's OAuth connection acts for ({@code urn:li:person:<sub>}). The token comes from {@link
 * ConnectionTokens}, refreshed before it expires; a {@code 401} marks the connection {@code
 * needsReconnect} and fails the post with {@code needs_reconnect}, which is final — another attempt
 * with the same token cannot succeed.
 *
 * <p>LinkedIn takes no idempotency key, so the adapter is not {@linkplain #idempotent()
 * idempotent}: a send whose answer was lost must be confirmed by a person, never repeated blindly.
 * Tests and submissions (not public) do not post: they check the token against userinfo instead.
 *
 * <p>An image goes first through LinkedIn's Images API: {@code POST /rest/images?action=initializeUpload}
 * for the member answers an upload URL and an {@code urn:li:image}, the bytes are {@code PUT} there,
 * and the post carries {@code content.media {id, altText}}. One image per post (LinkedIn's
 * single-image post; several would be a {@code multiImage}); JPEG, PNG or GIF.
 */
public final class LinkedInAdapter implements ChannelAdapter {

    public static final int LIMIT = 3000;
    /** Reserved characters of the commentary's "little text" format, escaped with a backslash. */
    private static final Pattern RESERVED = Pattern.compile("([\\\\|{}@\\[\\]()<>#*_~])");

    private static final Pattern POST_URN = Pattern.compile("urn:li:(share|ugcPost):[0-9]{1,30}");
    private static final Pattern IMAGE_URN = Pattern.compile("urn:li:image:[A-Za-z0-9_-]{1,200}");

    /** JPEG, PNG and GIF up to 5 MB, one per post; LinkedIn's alt text holds up to 4,086 characters. */
    static final MediaRules IMAGES =
            new MediaRules(java.util.Set.of("image/jpeg", "image/png", "image/gif"), 5L * 1024 * 1024, 1, 4086);

    private final ConnectionTokens tokens;
    private final String apiUrl;
    private final String userinfoUrl;
    private final String version;
    private final Clock clock;

    public LinkedInAdapter(ConnectionTokens tokens, String apiUrl, String userinfoUrl, String version, Clock clock) {
        this.tokens = tokens;
        this.apiUrl = apiUrl.replaceAll("/+$", "");
        this.userinfoUrl = userinfoUrl;
        this.version = version;
        this.clock = clock;
    }

    @Override
    public ChannelType type() {
        return ChannelType.LINKEDIN;
    }

    @Override
    public boolean social() {
        return true;
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    /** LinkedIn's 3,000 characters, counted as code points. */
    @Override
    public TextCount count(ChannelTarget target, String text, OutboundHttp http) {
        return new TextCount(text.codePointCount(0, text.length()), LIMIT);
    }

    @Override
    public MediaRules mediaRules() {
        return IMAGES;
    }

    @Override
    public OutboundResponse deliver(ChannelTarget target, Message message, String deliveryId, OutboundHttp http) {
        if (!message.publicPost()) {
            return check(target, http);
        }
        return publish(target, new PostContent(message.text(), List.of(), message.timestamp()), deliveryId, http)
                .response();
    }

    @Override
    public PostOutcome publish(ChannelTarget target, PostContent content, String deliveryId, OutboundHttp http) {
        ConnectionTokens.Lookup lookup = tokens.current(target, http);
        if (!lookup.found()) {
            return PostOutcome.of(problem(lookup.problem()));
        }
        AccessToken token = lookup.token();
        String author = "urn:li:person:" + token.accountId();
        Document media = null;
        if (!content.images().isEmpty()) {
            Upload upload = upload(target, token, author, content.images().get(0), http);
            if (upload.failure() != null) {
                return PostOutcome.of(upload.failure());
            }
            String alt = content.images().get(0).alt();
            media = new Document("id", upload.image()).append("altText", alt == null ? "" : alt);
        }
        Document body = new Document("author", author)
                .append("commentary", escape(content.text()))
                .append("visibility", "PUBLIC")
                .append(
                        "distribution",
                        new Document("feedDistribution", "MAIN_FEED")
                                .append("targetEntities", List.of())
                                .append("thirdPartyDistributionChannels", List.of()))
                .append("lifecycleState", "PUBLISHED")
                .append("isReshareDisabledByAuthor", false);
        if (media != null) {
            body.append("content", new Document("media", media));
        }
        OutboundResponse response = http.send(new OutboundRequest(
                apiUrl + "/posts",
                "connections.linkedin.api-url",
                headers(token),
                body.toJson(),
                List.of(token.value())));
        if (refused(response)) {
            tokens.rejected(target, token);
            return PostOutcome.of(needsReconnect(response));
        }
        if (!response.succeeded()) {
            return PostOutcome.of(response);
        }
        Optional<String> urn =
                response.header("x-restli-id").filter(id -> POST_URN.matcher(id).matches());
        return new PostOutcome(
                response,
                urn.orElse(null),
                urn.map(id -> "https://www.linkedin.com/feed/update/" + id + "/")
                        .orElse(null));
    }

    /** An uploaded image's URN, or the response that failed the upload. */
    private record Upload(String image, OutboundResponse failure) {}

    private Upload upload(ChannelTarget target, AccessToken token, String author, PostImage image, OutboundHttp http) {
        byte[] bytes;
        try {
            bytes = image.bytes().read();
        } catch (java.io.IOException e) {
            return new Upload(null, problem("media_unreadable"));
        }
        OutboundResponse initialized = http.send(new OutboundRequest(
                apiUrl + "/images?action=initializeUpload",
                "connections.linkedin.api-url",
                headers(token),
                new Document("initializeUploadRequest", new Document("owner", author)).toJson(),
                List.of(token.value())));
        if (refused(initialized)) {
            tokens.rejected(target, token);
            return new Upload(null, needsReconnect(initialized));
        }
        if (!initialized.succeeded()) {
            return new Upload(null, initialized);
        }
        Document value;
        try {
            value = Document.parse(initialized.contentText()).get("value", Document.class);
        } catch (RuntimeException e) {
            value = null;
        }
        String uploadUrl = value == null ? null : value.get("uploadUrl") instanceof String u ? u : null;
        String urn = value == null ? null : value.get("image") instanceof String i ? i : null;
        if (uploadUrl == null || urn == null || !IMAGE_URN.matcher(urn).matches()) {
            return new Upload(null, problem("unexpected_answer")); // never a 2xx: the post was not made
        }
        OutboundResponse uploaded = http.send(OutboundRequest.put(
                uploadUrl,
                "linkedin.uploadUrl",
                Map.of("Authorization", "Bearer " + token.value()),
                "application/octet-stream",
                bytes,
                List.of(token.value())));
        if (refused(uploaded)) {
            tokens.rejected(target, token);
            return new Upload(null, needsReconnect(uploaded));
        }
        return uploaded.succeeded() ? new Upload(urn, null) : new Upload(null, uploaded);
    }

    /** A test: the token still works (userinfo answers), without posting anything. */
    private OutboundResponse check(ChannelTarget target, OutboundHttp http) {
        ConnectionTokens.Lookup lookup = tokens.current(target, http);
        if (!lookup.found()) {
            return problem(lookup.problem());
        }
        AccessToken token = lookup.token();
        OutboundResponse response = http.send(OutboundRequest.get(
                userinfoUrl,
                "connections.linkedin.userinfo-url",
                Map.of("Authorization", "Bearer " + token.value()),
                List.of(token.value())));
        if (refused(response)) {
            tokens.rejected(target, token);
            return needsReconnect(response);
        }
        return response;
    }

    private Map<String, String> headers(AccessToken token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token.value());
        headers.put("LinkedIn-Version", version);
        headers.put("X-Restli-Protocol-Version", "2.0.0");
        return headers;
    }

    private static boolean refused(OutboundResponse response) {
        return response.status() != null && response.status() == 401;
    }

    private static OutboundResponse needsReconnect(OutboundResponse response) {
        return withError(response, ConnectionTokens.NEEDS_RECONNECT);
    }

    private static OutboundResponse withError(OutboundResponse response, String error) {
        return new OutboundResponse(
                response.status(),
                error,
                response.startedAt(),
                response.durationMs(),
                response.body(),
                response.retryAfter());
    }

    private OutboundResponse problem(String problem) {
        return new OutboundResponse(null, problem, clock.instant(), 0, null, Optional.empty());
    }

    /** The text in LinkedIn's "little text" format: reserved characters escaped, so they show as typed. */
    static String escape(String text) {
        return RESERVED.matcher(text).replaceAll("\\\\$1");
    }
}
