/** The {@code /api/groups/{groupID}/media} routes: uploading, listing and deleting a group's files. */
package io.vivreal.management.media;
