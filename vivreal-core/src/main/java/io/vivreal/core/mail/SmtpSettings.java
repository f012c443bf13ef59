package io.vivreal.core.mail;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code VIVREAL_SMTP_URL}: {@code smtps://user:pass@host:465} (TLS from the first byte) or {@code
 * smtp://user:pass@host:587} (STARTTLS, required: a server that does not offer it is not sent to,
 * so credentials and links never cross the network in clear). {@code ?starttls=false} is accepted
 * only for a loopback host — a local relay or a test server.
 *
 * <p>The password is a secret: {@link #toString()} and {@link #describe()} leave it out.
 */
public record SmtpSettings(
        boolean implicitTls, String host, int port, String username, String password, boolean startTls) {

    /** Connect, read and write timeouts: a stalled server holds the mail thread at most this long per step. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    public static SmtpSettings parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("VIVREAL_SMTP_URL is not a URL (smtp://user:pass@host:587)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw new IllegalArgumentException("VIVREAL_SMTP_URL must start with smtp:// or smtps://");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("VIVREAL_SMTP_URL needs a host");
        }
        boolean implicitTls = scheme.equals("smtps");
        int port = uri.getPort() > 0 ? uri.getPort() : implicitTls ? 465 : 587;
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        boolean startTls = !implicitTls;
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.equalsIgnoreCase("starttls=false")) {
                    startTls = false;
                } else if (!pair.equalsIgnoreCase("starttls=true")) {
                    throw new IllegalArgumentException("VIVREAL_SMTP_URL takes only ?starttls=false (loopback hosts)");
                }
            }
        }
        if (!implicitTls && !startTls && !loopback(host)) {
            throw new IllegalArgumentException(
                    "VIVREAL_SMTP_URL: starttls=false is allowed only for a loopback host; use smtps:// or STARTTLS");
        }
        return new SmtpSettings(implicitTls, host, port, username, password, startTls);
    }

    public boolean authenticated() {
        return username != null && !username.isEmpty();
    }

    /** For the start-up log line: where mail goes and how it is protected, without credentials. */
    public String describe() {
        String protection = implicitTls ? "TLS" : startTls ? "STARTTLS required" : "plain (loopback)";
        return (implicitTls ? "smtps://" : "smtp://") + host + ":" + port + " (" + protection
                + (authenticated() ? ", authenticated" : "") + ")";
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + describe() + "]";
    }

    private static boolean loopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name is not resolved here: only literal loopback addresses qualify
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
