/** {@code /api/groups/{groupID}/posts}: the composer's routes. */
package io.vivreal.management.posts;
