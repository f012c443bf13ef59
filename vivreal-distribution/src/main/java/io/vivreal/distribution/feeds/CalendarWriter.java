package io.vivreal.distribution.feeds;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * iCalendar (RFC 5545) through ical4j, which escapes text ({@code ,} {@code ;} {@code \} and line
 * breaks) and folds long lines. One {@code VEVENT} per upcoming item: {@code UID} is the item id
 * (stable, so a calendar app updates an event instead of adding a second), {@code DTSTAMP} the
 * item's last change (so an unchanged calendar renders the same bytes and keeps its ETag),
 * {@code DTSTART} the date field — a whole day for a {@code date}, UTC for a {@code dateTime}.
 */
final class CalendarWriter {

    byte[] write(FeedHead head, List<FeedEntry> entries) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Vivreal//Feeds//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", head.title()));
        for (FeedEntry entry : entries) {
            if (entry.start() == null) {
                continue;
            }
            VEvent event = new VEvent(false);
            event.add(new Uid(entry.itemId() + "@vivreal"));
            event.add(new DtStamp(entry.updated()));
            event.add(new DtStart<>(entry.start()));
            event.add(new Summary(entry.title() == null ? "" : entry.title()));
            String description = entry.summary() != null ? entry.summary() : entry.content();
            if (description != null) {
                event.add(new Description(description));
            }
            calendar.add(event);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("the calendar could not be written", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
