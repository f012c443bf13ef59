/**
 * Groups (the tenant boundary), their members and roles, their tier and database, and their API
 * key's lifecycle. The rules — who may do what, the last-owner guard, "not yours" looks like
 * "not found" — live in {@link io.vivreal.core.group.GroupService}, once, for every surface.
 */
package io.vivreal.core.group;
