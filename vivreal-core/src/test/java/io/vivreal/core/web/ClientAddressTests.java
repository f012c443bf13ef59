package io.vivreal.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTests {

    private final ClientAddress behindProxy = new ClientAddress(List.of("10.0.0.1"));

    private static MockHttpServletRequest from(String peer, String... forwardedLines) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String line : forwardedLines) {
            request.addHeader("X-Forwarded-For", line);
        }
        return request;
    }

    @Test
    void everyForwardedForLineIsReadSoAClientsOwnLineCannotWin() {
        // the client sent its own line; the proxy appended the real address as a second line
        assertThat(behindProxy.of(from("10.0.0.1", "6.6.6.6", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(behindProxy.of(from("10.0.0.1", "6.6.6.6, 7.7.7.7", "203.0.113.9, 10.0.0.1")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void theHeaderIsIgnoredUnlessThePeerIsATrustedProxy() {
        assertThat(behindProxy.of(from("198.51.100.4", "6.6.6.6"))).isEqualTo("198.51.100.4");
        assertThat(behindProxy.of(from("10.0.0.1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        ClientAddress direct = new ClientAddress(List.of());

        String one = direct.of(from("2001:db8:1:2:aaaa:bbbb:cccc:1"));
        String other = direct.of(from("2001:db8:1:2::ffff"));
        String neighbour = direct.of(from("2001:db8:1:3::1"));

        assertThat(one).isEqualTo("2001:db8:1:2::/64").isEqualTo(other);
        assertThat(neighbour).isEqualTo("2001:db8:1:3::/64");
        assertThat(behindProxy.of(from("10.0.0.1", "2001:db8:9:9::1234"))).isEqualTo("2001:db8:9:9::/64");
    }

    @Test
    void ipv4AndNonLiteralsAreKeptAsTheyAreWithoutAnyNameLookup() {
        assertThat(ClientAddress.bucket("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.bucket("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.bucket("unknown")).isEqualTo("unknown");
        assertThat(ClientAddress.bucket("example.com")).isEqualTo("example.com");
        assertThat(ClientAddress.bucket("zz:zz")).isEqualTo("zz:zz");
    }
}
