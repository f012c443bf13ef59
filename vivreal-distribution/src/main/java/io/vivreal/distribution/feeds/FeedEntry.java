package io.vivreal.distribution.feeds;

import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;

/**
 * One published item as every feed format shows it: cleaned text, dates, and its files with
 * signed URLs.
 *
 * @param start the date field's value ({@link java.time.LocalDate} or {@link Instant}); null
 *     outside calendars
 */
record FeedEntry(
        String itemId,
        String title,
        String summary,
        String content,
        Instant published,
        Instant updated,
        Temporal start,
        List<Attachment> attachments) {

    /** A media value of the item: its signed download URL, type, size and file name. */
    record Attachment(String url, String type, long size, String name) {}
}
