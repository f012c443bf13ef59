package io.vivreal.core.group;

import io.vivreal.core.domain.DomainException;
import java.util.Locale;
import org.bson.types.ObjectId;

/**
 * A group's plan. The tier decides, once, at creation, which database the group's content lives
 * in: free, basic and pro share {@code general_shared}, proplus shares {@code pro_plus}, and an
 * enterprise group gets a database of its own. The result is stored on the group as {@code dbKey}
 * and never recomputed, so a later tier change cannot silently point a group at an empty database.
 */
public enum Tier {
    FREE,
    BASIC,
    PRO,
    PROPLUS,
    ENTERPRISE;

    public static final String SHARED_DATABASE = "general_shared";
    public static final String PRO_PLUS_DATABASE = "pro_plus";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String databaseFor(ObjectId groupId) {
        return switch (this) {
            case FREE, BASIC, PRO -> SHARED_DATABASE;
            case PROPLUS -> PRO_PLUS_DATABASE;
            case ENTERPRISE -> "ent_" + groupId.toHexString();
        };
    }

    public static Tier parse(String value, String field) {
        if (value != null) {
            for (Tier tier : values()) {
                if (tier.wireName().equals(value)) {
                    return tier;
                }
            }
        }
        throw DomainException.invalid(field, "tier must be one of free, basic, pro, proplus, enterprise");
    }
}
