/** The {@code /api/groups/{groupID}/sites} routes: a group's site documents. */
package io.vivreal.management.sites;
