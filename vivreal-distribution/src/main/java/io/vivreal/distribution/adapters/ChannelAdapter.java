package io.vivreal.distribution.adapters;

import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import io.vivreal.distribution.outbound.OutboundResponse;

/**
 * How one channel type speaks its platform's protocol. The delivery queue knows nothing of
 * platforms: it hands an adapter the decrypted channel, the message and the delivery's stable id,
 * and records the {@link OutboundResponse}. A new platform (a social network, a feed ping, a
 * newsletter) is a new adapter bean; the queue, its retries and its log stay as they are.
 *
 * <p>Adapters send only through the given {@link OutboundHttp}, so the address guard, the
 * timeouts and the answer cap apply to every request, and they put {@code deliveryId} where the
 * platform de-duplicates (Standard Webhooks' {@code webhook-id}, Mastodon's {@code
 * Idempotency-Key}), so a retry or a resend is recognisable as the same delivery.
 */
public interface ChannelAdapter {

    ChannelType type();

    OutboundResponse deliver(ChannelTarget target, Message message, String deliveryId, OutboundHttp http);
}
