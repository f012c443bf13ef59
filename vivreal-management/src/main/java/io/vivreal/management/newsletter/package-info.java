/**
 * Newsletter routes: the group's subscriber list for owners and admins ({@code
 * /api/groups/{groupID}/subscribers}, its CSV export, deletion) and the public pages a
 * subscriber's links open ({@code /newsletter/confirm}, {@code /newsletter/unsubscribe}, the
 * latter also taking RFC 8058 one-click POSTs from mail programs). The public pages trust only the
 * signed token; they answer a bad or expired one with 400 and change nothing.
 */
package io.vivreal.management.newsletter;
