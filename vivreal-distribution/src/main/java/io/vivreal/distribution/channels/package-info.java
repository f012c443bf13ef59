/**
 * Channel configuration: the types and their settings, validation and trimming on save, secrets
 * encrypted at rest with masked views, and subscriptions (event types, content types). Knows
 * nothing of sending; the delivery package reads it through {@code ChannelService.target} and
 * {@code subscriptions}.
 */
package io.vivreal.distribution.channels;
