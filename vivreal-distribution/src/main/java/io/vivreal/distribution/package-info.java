/**
 * Distribution: a group's channels (webhook, Slack, Discord, Mastodon, custom), their secret
 * settings encrypted at rest, delivery to them, and the guard every outbound request passes.
 */
package io.vivreal.distribution;
