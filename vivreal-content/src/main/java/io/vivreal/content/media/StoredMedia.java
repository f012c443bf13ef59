package io.vivreal.content.media;

import java.time.Instant;

/**
 * A media record as the control plane keeps it: whose file it is, where its bytes are, and who
 * uploaded it when.
 *
 * @param key the storage key, also the record's id
 * @param name the uploader's file name, cleaned for display
 * @param type the sniffed MIME type, the only type the file is ever served as
 */
public record StoredMedia(
        String key,
        String groupID,
        String bucketName,
        String name,
        String type,
        long size,
        Instant createdAt,
        String createdBy) {

    public MediaRecord toRecord() {
        return new MediaRecord(key, name, type, size);
    }
}
