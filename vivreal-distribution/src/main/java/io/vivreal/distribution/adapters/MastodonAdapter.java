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
