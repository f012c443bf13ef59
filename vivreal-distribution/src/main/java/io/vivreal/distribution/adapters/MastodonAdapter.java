package io.vivreal.distribution.adapters;

import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * {@code mastodon}: {@code POST instanceUrl/api/v1/statuses} with the access token and {@code
 * Idempotency-Key} set to the delivery's id — Mastodon keeps one status per key for an hour, so a
 * retry after a lost answer does not post twice. Visibility is {@code public} for content events
 * and {@code direct} for tests and submissions, which must not be posted publicly.
 */
public final class MastodonAdapter implements ChannelAdapter {

    @Override
    public ChannelType type() {
        return ChannelType.MASTODON;
    }

    @Override
    public boolean social() {
        return true;
    }

    /**
     * The composed text as a public status; the platform's {@code id} and {@code url} from the
     * answer. (Text only: media upload is the networks work's part of this adapter.)
     */
    @Override
    public PostOutcome publish(ChannelTarget target, PostContent content, String deliveryId, OutboundHttp http) {
        OutboundResponse response = deliver(
                target,
                new Message(Message.POST, content.composedAt(), new Document(), content.text(), true),
                deliveryId,
                http);
        if (!response.succeeded()) {
            return PostOutcome.of(response);
        }
        try {
            Document answer = Document.parse(response.contentText());
            Object id = answer.get("id");
            Object url = answer.get("url");
            return new PostOutcome(
                    response,
                    id instanceof String text ? text : null,
                    url instanceof String link && link.startsWith("https://") ? link : null);
        } catch (RuntimeException e) {
            return PostOutcome.of(response); // posted; the answer just did not say where
        }
    }

    @Override
    public OutboundResponse deliver(ChannelTarget target, Message message, String deliveryId, OutboundHttp http) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + target.setting("accessToken"));
        headers.put("Idempotency-Key", deliveryId);
        String base = target.setting("instanceUrl").replaceAll("/+$", "");
        return http.send(new OutboundRequest(
                base + "/api/v1/statuses",
                "settings.instanceUrl",
                headers,
                new Document("status", message.text())
                        .append("visibility", message.publicPost() ? "public" : "direct")
                        .toJson(),
                target.secrets()));
    }
}
