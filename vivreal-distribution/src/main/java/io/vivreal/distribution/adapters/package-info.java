/**
 * Channel adapters: how each channel type speaks its platform (Standard Webhooks, Slack, Discord,
 * Mastodon, custom), behind one interface the delivery queue calls. Adapters build requests and
 * send them through the outbound client; they hold no state and know nothing of retries.
 */
package io.vivreal.distribution.adapters;
