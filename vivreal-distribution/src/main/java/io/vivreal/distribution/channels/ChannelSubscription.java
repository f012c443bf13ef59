package io.vivreal.distribution.channels;

/**
 * One channel's id, type, subscription and automatic posts, for deciding which deliveries an
 * event makes.
 */
public record ChannelSubscription(String channelId, ChannelType type, Subscription subscription, AutoPost autoPost) {}
