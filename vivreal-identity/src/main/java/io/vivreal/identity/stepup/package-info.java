/**
 * Step-up: actions that expose or change what controls a group's public surface (revealing,
 * rolling or regenerating its API key, changing a channel's secrets, changing members' roles) need
 * an authentication of the caller within the last five minutes — the sign-in itself (the token's
 * {@code auth_time}) or a later password confirmation recorded against the token's id.
 */
package io.vivreal.identity.stepup;
