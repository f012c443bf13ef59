package io.vivreal.core.group;

/** A group seen by one of its members, with that member's role. */
public record Membership(Group group, Role role) {}
