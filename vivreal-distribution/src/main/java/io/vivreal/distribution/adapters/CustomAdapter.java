package io.vivreal.distribution.adapters;

import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code custom}: {@code POST url} with the webhook body, {@code webhook-id} and the secret headers. */
public final class CustomAdapter implements ChannelAdapter {

    @Override
    public ChannelType type() {
        return ChannelType.CUSTOM;
    }

    @Override
    public OutboundResponse deliver(ChannelTarget target, Message message, String deliveryId, OutboundHttp http) {
        Map<String, String> headers = new LinkedHashMap<>(target.secretHeaders());
        headers.put("webhook-id", deliveryId);
        return http.send(new OutboundRequest(
                target.setting("url"), "settings.url", headers, message.webhookBody(), target.secrets()));
    }
}
