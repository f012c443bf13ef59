package io.vivreal.content.sites;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebAddressesTests {

    @Test
    void anIpv6LiteralThatJavasUriParserCannotReadIsRefusedNotThrown() {
        // found by OutboundGuardFuzzTests: java.net.URI throws NumberFormatException for this
        String unreadable = "http://[::ffff:169.254.188888888888888888888888888869.254]/";
        assertThat(WebAddresses.webUrl(unreadable)).isEmpty();
        assertThat(WebAddresses.href(unreadable)).isEmpty();
    }

    @Test
    void webUrlsAreHttpOrHttpsWithAHostAndNoUserPart() {
        assertThat(WebAddresses.webUrl("https://instagram.com/example")).isPresent();
        assertThat(WebAddresses.webUrl("HTTP://example.com/a?b=c#d")).isPresent();
        String[] refused = {
            "javascript:alert(1)",
            "JavaScript://example.com/%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "ftp://example.com/",
            "//example.com/",
            "https://bank.example@evil.example/",
            "https://",
            "https:///path",
            "https://exa mple.com/",
            "https://example.com/\nx",
            "https://example.com/\u202Ex",
            " https://example.com/",
            "https://example.com/" + "a".repeat(2100),
            "",
        };
        for (String url : refused) {
            assertThat(WebAddresses.webUrl(url)).as(url).isEmpty();
        }
        assertThat(WebAddresses.webUrl(42)).isEmpty();
        assertThat(WebAddresses.webUrl(null)).isEmpty();
    }

    @Test
    void hrefsAreWebUrlsSitePathsOrFragments() {
        for (String href :
                new String[] {"/", "/about", "/shows?when=today", "#contact", "https://tickets.example.com/"}) {
            assertThat(WebAddresses.href(href)).as(href).contains(href);
        }
        for (String href :
                new String[] {"//evil.example", "/\\evil.example", "javascript:alert(1)", "about", "mailto:"}) {
            assertThat(WebAddresses.href(href)).as(href).isEmpty();
        }
    }

    @Test
    void domainNamesAreDnsHostNames() {
        assertThat(WebAddresses.domainName("WWW.Example.COM.")).contains("www.example.com");
        assertThat(WebAddresses.domainName("xn--bcher-kva.example")).contains("xn--bcher-kva.example");
        String[] refused = {
            "localhost",
            "example",
            "192.168.0.1",
            "exa_mple.com",
            "-example.com",
            "example-.com",
            "ex..com",
            "bücher.example",
            "example.com/path",
            "https://example.com",
            "a".repeat(64) + ".com",
            "",
        };
        for (String name : refused) {
            assertThat(WebAddresses.domainName(name)).as(name).isEmpty();
        }
    }
}
