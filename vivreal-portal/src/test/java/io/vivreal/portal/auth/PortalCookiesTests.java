package io.vivreal.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PortalCookiesTests {

    @Test
    void secureEverywhereButPlainHttpOnLocalhost() {
        assertThat(PortalCookies.set(request("http", "localhost"), "token", "t", Duration.ofHours(1)))
                .doesNotContain("Secure");
        assertThat(PortalCookies.set(request("http", "127.0.0.1"), "token", "t", Duration.ofHours(1)))
                .doesNotContain("Secure");
        assertThat(PortalCookies.set(request("http", "portal.example.com"), "token", "t", Duration.ofHours(1)))
                .contains("Secure");
        assertThat(PortalCookies.set(request("https", "localhost"), "token", "t", Duration.ofHours(1)))
                .contains("Secure");
        assertThat(PortalCookies.clear(request("http", "portal.example.com"), "active_ctx"))
                .contains("Secure", "Max-Age=0");
    }

    @Test
    void tokenAndContextAreHttpOnlyTheCsrfCookieIsReadable() {
        MockHttpServletRequest request = request("https", "portal.example.com");
        assertThat(PortalCookies.set(request, PortalCookies.TOKEN, "t", Duration.ofHours(1)))
                .contains("HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(PortalCookies.set(request, PortalCookies.CONTEXT, "c", Duration.ofHours(1)))
                .contains("HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(PortalCookies.set(request, PortalCookies.CSRF, "x", Duration.ofHours(1)))
                .contains("SameSite=Lax")
                .doesNotContain("HttpOnly");
    }

    @Test
    void twoCookiesOfOneNameAreTrustedNeither() {
        MockHttpServletRequest request = request("https", "portal.example.com");
        request.setCookies(new Cookie("csrf_token", "mine"), new Cookie("csrf_token", "planted"));
        assertThat(PortalCookies.read(request, "csrf_token")).isNull();
    }

    @Test
    void cookiesTheContainerCannotReadAreNone() {
        // found by PortalCookiesFuzzTests: Tomcat throws from getCookies() for over 200 cookies
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/dashboard") {
            @Override
            public Cookie[] getCookies() {
                throw new IllegalArgumentException("More than the maximum allowed number of cookies, [200]");
            }
        };
        assertThat(PortalCookies.read(request, PortalCookies.TOKEN)).isNull();
    }

    private static MockHttpServletRequest request(String scheme, String host) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/app/login");
        request.setScheme(scheme);
        request.setServerName(host);
        request.setSecure("https".equals(scheme));
        return request;
    }
}
