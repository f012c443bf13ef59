/**
 * Feed settings of a content type ({@code /api/groups/{id}/content-types/{typeId}/feed}, owners
 * and admins) and the public feeds ({@code /feeds/<feedId>.rss|.atom|.json|.ics}, no key: the
 * unguessable feed id is the credential).
 */
package io.vivreal.management.feeds;
