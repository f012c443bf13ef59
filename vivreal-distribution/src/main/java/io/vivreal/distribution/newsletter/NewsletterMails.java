package io.vivreal.distribution.newsletter;

import io.vivreal.content.items.ContentItem;
import io.vivreal.core.mail.HtmlText;
import io.vivreal.core.mail.MailMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The mail of one item for one recipient: the item's title as subject, its summary and content
 * as text and as escaped HTML (a field's HTML or markdown is shown as written, never rendered — a
 * newsletter must not carry markup or links someone slipped into a form), the item link when the
 * channel has one, and the recipient's own unsubscribe link in the body and the headers.
 */
final class NewsletterMails {

    static final List<String> TITLE_FIELDS = List.of("title", "name", "headline");
    static final List<String> SUMMARY_FIELDS = List.of("summary", "excerpt", "description");
    static final List<String> CONTENT_FIELDS = List.of("content", "body", "text");
    private static final int MAX_SUBJECT = 200;

    private NewsletterMails() {}

    record Parts(String subject, String text, String html) {}

    /** What every recipient gets alike; only the unsubscribe link differs. */
    static Parts parts(ContentItem item, String typeName, String itemUrl) {
        String title = field(item, TITLE_FIELDS).orElse("New in " + typeName);
        String subject = title.replaceAll("[\\r\\n\\u2028\\u2029\\x00]+", " ").strip();
        if (subject.length() > MAX_SUBJECT) {
            subject = subject.substring(0, MAX_SUBJECT - 1) + "\u2026";
        }
        Optional<String> summary = field(item, SUMMARY_FIELDS);
        Optional<String> content = field(item, CONTENT_FIELDS);
        Optional<String> link = link(item, itemUrl);
        StringBuilder text = new StringBuilder(title).append("\r\n\r\n");
        StringBuilder html =
                new StringBuilder("<h1>").append(HtmlText.escape(title)).append("</h1>");
        summary.ifPresent(value -> {
            text.append(crlf(value)).append("\r\n\r\n");
            html.append("<p><em>").append(paragraph(value)).append("</em></p>");
        });
        content.ifPresent(value -> {
            text.append(crlf(value)).append("\r\n\r\n");
            html.append("<p>").append(paragraph(value)).append("</p>");
        });
        link.ifPresent(value -> {
            text.append("Read it online: ").append(value).append("\r\n\r\n");
            html.append("<p><a href=\"").append(HtmlText.escape(value)).append("\">Read it online</a></p>");
        });
        return new Parts(subject.isEmpty() ? "New in " + typeName : subject, text.toString(), html.toString());
    }

    static MailMessage message(Parts parts, String to, String fromName, String unsubscribeUrl) {
        String text = parts.text() + "--\r\nUnsubscribe: " + unsubscribeUrl + "\r\n";
        String html = parts.html() + "<hr><p><a href=\"" + HtmlText.escape(unsubscribeUrl) + "\">Unsubscribe</a></p>";
        return new MailMessage(to, parts.subject(), text, html, fromName, unsubscribeUrl);
    }

    private static Optional<String> field(ContentItem item, List<String> names) {
        for (String name : names) {
            if (item.objectValue().get(name) instanceof String value && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> link(ContentItem item, String template) {
        if (template == null || template.isBlank()) {
            return Optional.empty();
        }
        String slug = item.objectValue().get("slug") instanceof String value && !value.isBlank() ? value : item.id();
        return Optional.of(template.replace("{slug}", URLEncoder.encode(slug, StandardCharsets.UTF_8))
                .replace("{id}", item.id()));
    }

    private static String crlf(String value) {
        return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }

    private static String paragraph(String value) {
        return HtmlText.escape(value.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>");
    }
}
