package io.vivreal.content.media;

/** An uploaded file of a group, as media fields reference it. */
public record MediaRecord(String key, String name, String type, long size) {

    public boolean isImage() {
        return type.startsWith("image/");
    }

    public boolean isVideo() {
        return type.startsWith("video/");
    }
}
