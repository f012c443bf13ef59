package io.vivreal.core.group;

import io.vivreal.core.domain.DomainException;
import java.util.Locale;

/** A member's role in a group, strongest first: owner > admin > editor > viewer. */
public enum Role {
    OWNER(4),
    ADMIN(3),
    EDITOR(2),
    VIEWER(1);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    public boolean atLeast(Role other) {
        return rank >= other.rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value, String field) {
        if (value != null) {
            for (Role role : values()) {
                if (role.wireName().equals(value)) {
                    return role;
                }
            }
        }
        throw DomainException.invalid(field, "role must be one of owner, admin, editor, viewer");
    }
}
