package io.vivreal.distribution.feeds;

/**
 * Makes stored text safe to put in any feed format: characters XML 1.0 cannot carry (NUL and the
 * other C0 controls but tab, CR and LF; lone surrogates; U+FFFE/U+FFFF) are dropped — JDOM refuses
 * them and a reader's parser would reject the whole feed — and the text is cut at a bound, between
 * code points, so one huge item cannot make a feed of megabytes. Escaping is the writers' job
 * (Rome, Jackson, ical4j), never done here by hand.
 */
final class FeedText {

    static final int MAX_TITLE = 1_000;
    static final int MAX_SUMMARY = 5_000;
    static final int MAX_CONTENT = 50_000;

    private FeedText() {}

    static String clean(Object value, int maxChars) {
        if (!(value instanceof String text) || text.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (allowed(codePoint)) {
                if (out.length() + width > maxChars) {
                    out.append('…');
                    break;
                }
                out.appendCodePoint(codePoint);
            }
            i += width;
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static boolean allowed(int c) {
        return c == 0x9
                || c == 0xA
                || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** Plain text as HTML (for RSS descriptions, which readers treat as HTML): escaped, lines kept. */
    static String html(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n' -> out.append("<br>");
                case '\r' -> {
                    // CRLF and lone CR end a line like LF
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        out.append("<br>");
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
