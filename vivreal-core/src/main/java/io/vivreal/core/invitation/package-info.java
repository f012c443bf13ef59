/**
 * Invitations: how a person joins a group. An owner or admin invites an address; the invitation
 * stays pending (7 days) until someone signed in with that address, verified, accepts it — so
 * registering an address first gains nothing, and the answer to "invite" is the same whether or
 * not an account exists. The group always comes from the caller's checked membership, and an
 * invitation id of another group is "not found".
 */
package io.vivreal.core.invitation;
