package io.vivreal.distribution.adapters;

import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundRequest;
import io.vivreal.distribution.outbound.OutboundResponse;
import java.util.Map;
import org.bson.Document;

/**
 * Incoming-webhook chat channels: {@code slack} posts {@code {"text": ...}}, {@code discord}
 * {@code {"content": ...}}, to the secret {@code webhookUrl}. Neither platform takes an
 * idempotency key on incoming webhooks, so a post whose answer was lost is not sent again blindly
 * ({@link #idempotent()}).
 */
public final class ChatAdapter implements ChannelAdapter {

    private final ChannelType type;
    private final String textField;

    private ChatAdapter(ChannelType type, String textField) {
        this.type = type;
        this.textField = textField;
    }

    public static ChatAdapter slack() {
        return new ChatAdapter(ChannelType.SLACK, "text");
    }

    public static ChatAdapter discord() {
        return new ChatAdapter(ChannelType.DISCORD, "content");
    }

    @Override
    public ChannelType type() {
        return type;
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public OutboundResponse deliver(ChannelTarget target, Message message, String deliveryId, OutboundHttp http) {
        return http.send(new OutboundRequest(
                target.setting("webhookUrl"),
                "settings.webhookUrl",
                Map.of(),
                new Document(textField, message.text()).toJson(),
                target.secrets()));
    }
}
