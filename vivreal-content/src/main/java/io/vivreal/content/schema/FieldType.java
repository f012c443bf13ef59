package io.vivreal.content.schema;

import java.util.Optional;

/** The field types a content type can declare, with their wire names. */
public enum FieldType {
    TEXT("text"),
    LONG_TEXT("longText"),
    SLUG("slug"),
    ENUM("enum"),
    LIST("list"),
    OBJECT("object"),
    INTEGER("integer"),
    DECIMAL("decimal"),
    BOOLEAN("boolean"),
    DATE("date"),
    DATE_TIME("dateTime"),
    TIME("time"),
    IMAGE("image"),
    FILE("file"),
    VIDEO("video");

    private final String wireName;

    FieldType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isMedia() {
        return this == IMAGE || this == FILE || this == VIDEO;
    }

    /** Searched by the Client API's {@code search} parameter. */
    public boolean isText() {
        return this == TEXT || this == LONG_TEXT || this == SLUG;
    }

    public static Optional<FieldType> of(String wireName) {
        for (FieldType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
