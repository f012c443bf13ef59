/** The {@code /api/groups} routes: groups, members and roles, the API key, the audit log. */
package io.vivreal.management.groups;
