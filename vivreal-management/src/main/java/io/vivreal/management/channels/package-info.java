/** {@code /api/groups/{groupID}/channels}: a group's channels, managed by owners and admins. */
package io.vivreal.management.channels;
