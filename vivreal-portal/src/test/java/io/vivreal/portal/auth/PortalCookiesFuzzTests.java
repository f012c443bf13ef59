package io.vivreal.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.apache.tomcat.util.http.ServerCookie;
import org.apache.tomcat.util.http.ServerCookies;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A raw {@code Cookie} header, parsed by the servlet container as in production, then read by
 * {@link PortalCookies}: each portal cookie is its one value or nothing (two of a name are trusted
 * neither), nothing throws, and no value from the header passes the CSRF or context checks.
 */
class PortalCookiesFuzzTests {

    private static final byte[] SECRET = "context-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8);

    final CsrfTokens csrf = new CsrfTokens(SECRET);
    final ContextTokens contexts = new ContextTokens(SECRET, java.time.Clock.systemUTC());

    @FuzzTest(maxDuration = "3m")
    void anyCookieHeaderGivesOneValueOrNone(byte[] header) {
        Cookie[] parsed;
        try {
            parsed = containerCookies(header);
        } catch (IllegalArgumentException overTheLimit) {
            parsed = null;
        }
        Cookie[] cookies = parsed == null ? new Cookie[0] : parsed;
        MockHttpServletRequest request = tomcatLike(parsed);
        request.addHeader(PortalCookies.CSRF_HEADER, new String(header, StandardCharsets.ISO_8859_1));

        for (String name : List.of(PortalCookies.TOKEN, PortalCookies.CONTEXT, PortalCookies.CSRF)) {
            List<String> sent = new ArrayList<>();
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(name)) {
                    sent.add(cookie.getValue());
                }
            }
            assertThat(PortalCookies.read(request, name)).isEqualTo(sent.size() == 1 ? sent.get(0) : null);
        }
        String csrfCookie = PortalCookies.read(request, PortalCookies.CSRF);
        assertThat(csrf.valid(csrfCookie, csrfCookie, CsrfTokens.ANONYMOUS)).isFalse();
        assertThat(contexts.verify(PortalCookies.read(request, PortalCookies.CONTEXT)))
                .isEmpty();
    }

    /**
     * Tomcat's {@code getCookies()}: the cookies, or — for a header over its cookie limit — an
     * {@link IllegalArgumentException} on the first call and null after it.
     */
    private static MockHttpServletRequest tomcatLike(Cookie[] parsed) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/app/api/logout") {
            private boolean asked;

            @Override
            public Cookie[] getCookies() {
                if (parsed == null && !asked) {
                    asked = true;
                    throw new IllegalArgumentException("More than the maximum allowed number of cookies");
                }
                return parsed == null ? null : super.getCookies();
            }
        };
        if (parsed != null) {
            request.setCookies(parsed);
        }
        return request;
    }

    /** What Tomcat's request gives {@code getCookies()} for this header (a cookie it cannot build is skipped). */
    private static Cookie[] containerCookies(byte[] header) {
        MimeHeaders headers = new MimeHeaders();
        headers.addValue("Cookie").setBytes(header, 0, header.length);
        ServerCookies parsed = new ServerCookies(4);
        Rfc6265CookieProcessor processor = new Rfc6265CookieProcessor();
        processor.parseCookieHeader(headers, parsed);
        List<Cookie> cookies = new ArrayList<>();
        for (int i = 0; i < parsed.getCookieCount(); i++) {
            ServerCookie cookie = parsed.getCookie(i);
            try {
                Cookie converted = new Cookie(cookie.getName().toString(), null);
                cookie.getValue().getByteChunk().setCharset(processor.getCharset());
                converted.setValue(cookie.getValue().toString());
                cookies.add(converted);
            } catch (IllegalArgumentException unusableName) {
                // Tomcat skips it
            }
        }
        return cookies.toArray(Cookie[]::new);
    }
}
