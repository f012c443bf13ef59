/**
 * {@code /api/account} and {@code /api/invitations}: what concerns the signed-in person rather
 * than one group — their address and its verification, and the invitations sent to it.
 */
package io.vivreal.management.account;
