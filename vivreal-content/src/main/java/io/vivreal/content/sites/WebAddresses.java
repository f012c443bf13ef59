package io.vivreal.content.sites;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses a site may carry. Site templates render them as links, so only plain web
 * addresses pass: {@code http}/{@code https} with a host and no user part (which makes {@code
 * https://bank.com@evil.example} look like the bank), site-relative paths and fragments. Never
 * {@code javascript:}, {@code data:} or a protocol-relative {@code //host}.
 */
final class WebAddresses {

    static final int MAX_URL = 2048;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

    private WebAddresses() {}

    /** An absolute http(s) URL with a host, or empty. */
    static Optional<String> webUrl(Object raw) {
        if (!(raw instanceof String text) || !plain(text)) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            if (!web || uri.getHost() == null || uri.getRawUserInfo() != null || uri.isOpaque()) {
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (URISyntaxException | NumberFormatException e) {
            // java.net.URI throws NumberFormatException for an over-long IPv4 part of an IPv6
            // literal (http://[::ffff:1.2.99999999999.4]/); found by OutboundGuardFuzzTests
            return Optional.empty();
        }
    }

    /** A navigation target: a web URL, a site path ({@code /about}) or a fragment ({@code #contact}). */
    static Optional<String> href(Object raw) {
        if (!(raw instanceof String text) || !plain(text)) {
            return Optional.empty();
        }
        if (text.startsWith("#") || (text.startsWith("/") && !text.startsWith("//") && !text.startsWith("/\\"))) {
            try {
                new URI(text);
                return Optional.of(text);
            } catch (URISyntaxException | NumberFormatException e) {
                return Optional.empty();
            }
        }
        return webUrl(text);
    }

    /** A DNS host name, lowercased and without a trailing dot, or empty. IP addresses are not names. */
    static Optional<String> domainName(String raw) {
        String name = raw.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > 253) {
            return Optional.empty();
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        if (!HAS_LETTER.matcher(labels[labels.length - 1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** Short enough and free of spaces and control characters (which browsers strip or misread). */
    private static boolean plain(String text) {
        if (text.isEmpty() || text.length() > MAX_URL) {
            return false;
        }
        return text.codePoints()
                .noneMatch(c -> c <= 0x20
                        || c == 0x7F
                        || Character.isWhitespace(c)
                        || Character.getType(c) == Character.FORMAT);
    }
}
