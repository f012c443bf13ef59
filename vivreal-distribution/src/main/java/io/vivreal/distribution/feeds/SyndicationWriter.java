package io.vivreal.distribution.feeds;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * RSS 2.0 and Atom 1.0 through Rome, which escapes every text it writes. Item text is plain text:
 * Atom says so ({@code type="text"}); RSS descriptions are read as HTML by every reader, so the
 * text is HTML-escaped first — a {@code <script>} someone typed reaches the reader as the
 * characters, never as markup. Both advertise {@code rel="self"} and, when configured, the WebSub
 * {@code rel="hub"} (RSS through {@code atom:link}, as the WebSub spec asks).
 */
final class SyndicationWriter {

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    byte[] rss(FeedHead head, List<FeedEntry> entries) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(head.title());
        channel.setLink(head.self(FeedFormat.RSS));
        channel.setDescription("Published items of " + head.title());
        channel.setGenerator("Vivreal");
        channel.setLastBuildDate(Date.from(head.updated()));
        List<Element> links = new ArrayList<>();
        links.add(atomLink("self", head.self(FeedFormat.RSS), "application/rss+xml"));
        if (head.hub() != null) {
            links.add(atomLink("hub", head.hub(), null));
        }
        channel.setForeignMarkup(links);
        List<Item> items = new ArrayList<>();
        for (FeedEntry entry : entries) {
            Item item = new Item();
            item.setTitle(entry.title());
            Guid guid = new Guid();
            guid.setPermaLink(false);
            guid.setValue(entryId(entry));
            item.setGuid(guid);
            item.setPubDate(Date.from(entry.published()));
            if (entry.summary() != null || entry.content() != null) {
                Description description = new Description();
                description.setType("text/html");
                description.setValue(FeedText.html(entry.summary() != null ? entry.summary() : entry.content()));
                item.setDescription(description);
            }
            if (entry.content() != null) {
                com.rometools.rome.feed.rss.Content content = new com.rometools.rome.feed.rss.Content();
                content.setType(com.rometools.rome.feed.rss.Content.HTML);
                content.setValue(FeedText.html(entry.content()));
                item.setContent(content);
            }
            List<Enclosure> enclosures = new ArrayList<>();
            for (FeedEntry.Attachment attachment : entry.attachments()) {
                Enclosure enclosure = new Enclosure();
                enclosure.setUrl(attachment.url());
                enclosure.setType(attachment.type());
                enclosure.setLength(attachment.size());
                enclosures.add(enclosure);
            }
            item.setEnclosures(enclosures);
            items.add(item);
        }
        channel.setItems(items);
        return output(channel);
    }

    byte[] atom(FeedHead head, List<FeedEntry> entries) {
        Feed feed = new Feed("atom_1.0");
        feed.setId("urn:vivreal:feed:" + head.feedId());
        feed.setTitleEx(text(head.title()));
        feed.setUpdated(Date.from(head.updated()));
        SyndPerson author = new SyndPersonImpl();
        author.setName(head.title());
        feed.setAuthors(List.of(author));
        List<Link> links = new ArrayList<>();
        links.add(link("self", head.self(FeedFormat.ATOM), "application/atom+xml", null));
        if (head.hub() != null) {
            links.add(link("hub", head.hub(), null, null));
        }
        feed.setOtherLinks(links);
        List<Entry> atomEntries = new ArrayList<>();
        for (FeedEntry entry : entries) {
            Entry atomEntry = new Entry();
            atomEntry.setId(entryId(entry));
            atomEntry.setTitleEx(text(entry.title() == null ? "" : entry.title()));
            atomEntry.setPublished(Date.from(entry.published()));
            atomEntry.setUpdated(Date.from(entry.updated()));
            if (entry.summary() != null) {
                atomEntry.setSummary(text(entry.summary()));
            }
            if (entry.content() != null) {
                atomEntry.setContents(List.of(text(entry.content())));
            }
            List<Link> enclosures = new ArrayList<>();
            for (FeedEntry.Attachment attachment : entry.attachments()) {
                enclosures.add(link("enclosure", attachment.url(), attachment.type(), attachment.size()));
            }
            atomEntry.setOtherLinks(enclosures);
            atomEntries.add(atomEntry);
        }
        feed.setEntries(atomEntries);
        return output(feed);
    }

    static String entryId(FeedEntry entry) {
        return "urn:vivreal:item:" + entry.itemId();
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType(Content.TEXT);
        content.setValue(value);
        return content;
    }

    private static Link link(String rel, String href, String type, Long length) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        if (type != null) {
            link.setType(type);
        }
        if (length != null) {
            link.setLength(length);
        }
        return link;
    }

    private static Element atomLink(String rel, String href, String type) {
        Element link = new Element("link", ATOM);
        link.setAttribute("rel", rel);
        link.setAttribute("href", href);
        if (type != null) {
            link.setAttribute("type", type);
        }
        return link;
    }

    private static byte[] output(WireFeed feed) {
        try {
            return new WireFeedOutput().outputString(feed, false).getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw new IllegalStateException(
                    "the feed could not be written: " + e.getClass().getSimpleName(), e);
        }
    }
}
