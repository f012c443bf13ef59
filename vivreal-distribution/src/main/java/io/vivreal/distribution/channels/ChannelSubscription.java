package io.vivreal.distribution.channels;

/** One channel's id, type and subscription, for deciding which deliveries an event makes. */
public record ChannelSubscription(String channelId, ChannelType type, Subscription subscription) {}
