package io.vivreal.content;

/**
 * Published in-process after any write that can change what the Client API shows for a group, so
 * read caches on this instance drop that group's entries at once.
 */
public record ContentChangedEvent(String groupID) {}
