package io.vivreal.distribution.adapters;

import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code webhook}: {@code POST url} with {@code {"type","timestamp","data"}} and the Standard
 * Webhooks headers: {@code webhook-id} (the delivery's id, the same on every attempt), {@code
 * webhook-timestamp} (this attempt) and {@code webhook-signature} when a signing secret is set.
 */
public final class WebhookAdapter implements ChannelAdapter {

    private final Clock clock;

    public WebhookAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public OutboundResponse deliver(ChannelTarget target, Message message, String deliveryId, OutboundHttp http) {
        String body = message.webhookBody();
        return http.send(new OutboundRequest(
                target.setting("url"),
                "settings.url",
                signed(deliveryId, body, target.setting("signingSecret")),
                body,
                target.secrets()));
    }

    Map<String, String> signed(String id, String body, String secret) {
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        if (secret != null) {
            headers.put("webhook-signature", StandardWebhooks.signature(secret, id, timestamp, body));
        }
        return headers;
    }
}
