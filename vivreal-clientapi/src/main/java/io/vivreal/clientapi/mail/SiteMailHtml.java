package io.vivreal.clientapi.mail;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamEventReceiver;
import org.owasp.html.PolicyFactory;

/**
 * HTML that a site hands us for a mail ({@code customHtml} of a contact form, later an order
 * confirmation), made safe to send under the product's own sender with the OWASP Java HTML
 * Sanitizer.
 *
 * <p>A mail client renders this HTML with the reader's session, so everything that runs, submits
 * or fetches is removed: scripts, event handlers, forms, frames, objects, {@code style} elements
 * and any {@code url(...)} in inline styles. Links keep only {@code http}, {@code https} and
 * {@code mailto}, and open without a referrer. An image is kept only when its {@code src} is one
 * the caller vouches for ({@link OwnMediaUrls}: this group's own signed media URLs), because a
 * foreign image is a tracking pixel that tells a third party when the mail was read; every other
 * image is dropped whole.
 */
public final class SiteMailHtml {

    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "br",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "table",
            "tr",
            "blockquote",
            "pre",
            "hr",
            "center");

    private final PolicyFactory policy;

    /** @param ownImage whether an image {@code src} is one of ours and may stay */
    public SiteMailHtml(Predicate<String> ownImage) {
        this.policy = new HtmlPolicyBuilder()
                .allowElements(
                        "p",
                        "div",
                        "span",
                        "br",
                        "hr",
                        "h1",
                        "h2",
                        "h3",
                        "h4",
                        "h5",
                        "h6",
                        "b",
                        "strong",
                        "i",
                        "em",
                        "u",
                        "s",
                        "small",
                        "sub",
                        "sup",
                        "blockquote",
                        "pre",
                        "code",
                        "ul",
                        "ol",
                        "li",
                        "table",
                        "thead",
                        "tbody",
                        "tfoot",
                        "tr",
                        "td",
                        "th",
                        "caption",
                        "center")
                .allowAttributes("align", "title")
                .globally()
                .allowAttributes(
                        "colspan", "rowspan", "width", "height", "valign", "cellpadding", "cellspacing", "border")
                .onElements("table", "tr", "td", "th")
                .allowStyling()
                .allowUrlProtocols("http", "https", "mailto")
                .allowElements("a")
                .allowAttributes("href")
                .onElements("a")
                .requireRelsOnLinks("noopener", "noreferrer")
                .allowAttributes("src")
                .matching((element, attribute, value) -> ownImage.test(value) ? value : null)
                .onElements("img")
                .allowAttributes("alt", "width", "height")
                .onElements("img")
                // an image whose source was dropped goes whole, alt text and all
                .allowElements((element, attributes) -> attributes.contains("src") ? element : null, "img")
                .toFactory();
    }

    /** The HTML without anything that runs, submits, fetches from elsewhere or frames. */
    public String sanitize(String html) {
        return policy.sanitize(html == null ? "" : html);
    }

    /**
     * The plain-text part for {@code html}: its sanitised text, a line per block, a link's target
     * after its words, at most one empty line in a row.
     */
    public String text(String html) {
        TextReceiver text = new TextReceiver();
        HtmlSanitizer.sanitize(html == null ? "" : html, policy.apply(text));
        return text.result();
    }

    /** Collects the text a sanitised document shows, with line breaks where its blocks end. */
    private static final class TextReceiver implements HtmlStreamEventReceiver {

        private final StringBuilder out = new StringBuilder();
        private String href;
        private int linkStart;

        @Override
        public void openDocument() {}

        @Override
        public void closeDocument() {}

        @Override
        public void openTag(String name, List<String> attributes) {
            String element = name.toLowerCase(Locale.ROOT);
            if (element.equals("li")) {
                out.append("\n- ");
            } else if (BLOCKS.contains(element)) {
                out.append('\n');
            } else if (element.equals("td") || element.equals("th")) {
                out.append(' ');
            } else if (element.equals("a")) {
                href = null;
                for (int i = 0; i + 1 < attributes.size(); i += 2) {
                    if (attributes.get(i).equals("href")) {
                        href = attributes.get(i + 1);
                    }
                }
                linkStart = out.length();
            }
        }

        @Override
        public void closeTag(String name) {
            String element = name.toLowerCase(Locale.ROOT);
            if (BLOCKS.contains(element)) {
                out.append('\n');
            } else if (element.equals("a") && href != null) {
                String words = out.substring(linkStart).strip();
                String target = href.startsWith("mailto:") ? href.substring(7) : href;
                if (!words.equals(target)) {
                    out.append(" (").append(href).append(')');
                }
                href = null;
            }
        }

        @Override
        public void text(String text) {
            out.append(text);
        }

        String result() {
            StringBuilder result = new StringBuilder();
            int blank = 0;
            for (String line : out.toString().split("\n", -1)) {
                String stripped = line.replaceAll("[ \\t\\u00a0]+", " ").strip();
                if (stripped.isEmpty()) {
                    if (++blank > 1 || result.length() == 0) {
                        continue;
                    }
                } else {
                    blank = 0;
                }
                result.append(stripped).append('\n');
            }
            return result.toString().strip();
        }
    }
}
