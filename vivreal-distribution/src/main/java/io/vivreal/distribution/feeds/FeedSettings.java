package io.vivreal.distribution.feeds;

import io.vivreal.core.tenancy.TenantScope;
import java.time.Instant;

/**
 * One content type's feed: which fields fill a feed entry, and whether it is served. The id is
 * made once per content type and kept across edits and disable/enable, so subscribers' URLs keep
 * working; {@code revision} changes with every edit and is part of the cache key.
 *
 * @param dateField the {@code date} or {@code dateTime} field that makes the type a calendar; null
 *     for none (then there is no {@code .ics})
 */
public record FeedSettings(
        String feedId,
        String groupID,
        String dbKey,
        String typeId,
        boolean enabled,
        String titleField,
        String summaryField,
        String contentField,
        String dateField,
        long revision,
        Instant updatedAt) {

    public TenantScope scope() {
        return new TenantScope(groupID, dbKey);
    }

    public boolean hasCalendar() {
        return dateField != null;
    }
}
