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

    /**
     * Whether posts to this channel are social posts — kept as integration objects that sites
     * list once {@code published}, under the platform's name ({@link ChannelType#wireName()}).
     */
    default boolean social() {
        return false;
    }

    /**
     * Whether the platform recognises a repeated request as the same post (an idempotency key, a
     * record key derived from the delivery). When it does not, a send whose outcome was lost
     * (timeout, crash) ends {@code unknown} for a person to confirm — never a blind second post.
     */
    default boolean idempotent() {
        return true;
    }

    /** The text counted the platform's way against its limit (some read it from the platform). */
    default TextCount count(ChannelTarget target, String text, OutboundHttp http) {
        return new TextCount(text.codePointCount(0, text.length()), TextCount.UNLIMITED);
    }

    /** The images the platform takes; {@link MediaRules#NONE} when it takes none. */
    default MediaRules mediaRules() {
        return MediaRules.NONE;
    }

    /** Publishes a composed post; by default sends its text as this channel's message. */
    default PostOutcome publish(ChannelTarget target, PostContent content, String deliveryId, OutboundHttp http) {
        Message message = new Message(
                Message.POST,
                content.composedAt(),
                new org.bson.Document("text", content.text()),
                content.text(),
                true);
        return PostOutcome.of(deliver(target, message, deliveryId, http));
    }
}
