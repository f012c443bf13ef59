package io.vivreal.portal.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.ResponseCookie;

/**
 * The portal's three cookies, always written the same way: path {@code /}, {@code SameSite=Lax},
 * {@code Secure} unless the request is plain HTTP to localhost; {@code token} and {@code active_ctx}
 * are HttpOnly, {@code csrf_token} is readable by the page (that is the double-submit).
 */
public final class PortalCookies {

    public static final String TOKEN = "token";
    public static final String CONTEXT = "active_ctx";
    public static final String CSRF = "csrf_token";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private PortalCookies() {}

    public static String read(HttpServletRequest request, String name) {
        Cookie[] cookies;
        try {
            cookies = request.getCookies();
        } catch (IllegalArgumentException unreadable) {
            // Tomcat throws from getCookies() for a header over its cookie limit (200) and answers
            // null from then on (its connector usually refuses such a request with 400 first): a
            // request whose cookies cannot be read carries none of ours.
            return null;
        }
        if (cookies == null) {
            return null;
        }
        String found = null;
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                if (found != null) {
                    // Two cookies of one name (for example one planted for a parent domain):
                    // trust neither.
                    return null;
                }
                found = cookie.getValue();
            }
        }
        return found;
    }

    public static String set(HttpServletRequest request, String name, String value, Duration maxAge) {
        return ResponseCookie.from(name, value)
                .path("/")
                .httpOnly(!CSRF.equals(name))
                .secure(secure(request))
                .sameSite("Lax")
                .maxAge(maxAge)
                .build()
                .toString();
    }

    public static String clear(HttpServletRequest request, String name) {
        return ResponseCookie.from(name, "")
                .path("/")
                .httpOnly(!CSRF.equals(name))
                .secure(secure(request))
                .sameSite("Lax")
                .maxAge(0)
                .build()
                .toString();
    }

    /** {@code Secure} everywhere except plain HTTP on localhost, where a browser would drop it. */
    static boolean secure(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String host =
                request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        return !LOCAL_HOSTS.contains(host);
    }
}
