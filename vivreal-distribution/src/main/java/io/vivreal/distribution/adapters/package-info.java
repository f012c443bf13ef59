/**
 * Channel adapters: how each channel type speaks its platform (Standard Webhooks, Slack, Discord,
 * Mastodon, Bluesky, custom), behind one interface the delivery queue calls. Adapters build
 * requests and send them through the outbound client; they know nothing of retries and hold no
 * state beyond bounded caches (a Mastodon instance's limits). {@link
 * io.vivreal.distribution.adapters.PlatformText} counts post text each platform's way.
 */
package io.vivreal.distribution.adapters;
