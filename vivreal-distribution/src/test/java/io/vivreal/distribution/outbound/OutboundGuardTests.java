package io.vivreal.distribution.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vivreal.core.domain.DomainException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundGuardTests {

    /** A DNS of our own: names that resolve to public, private and metadata addresses. */
    static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "internal.example.com", "10.1.2.3",
            "rebind.example.com", "169.254.169.254",
            "dual.example.com", "93.184.216.34",
            "v6.example.com", "2606:2800:220:1:248:1893:25c8:1946",
            "ula.example.com", "fd12:3456::1");

    static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("dual.example.com")) {
            return new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.0.1")};
        }
        String address = DNS.get(host);
        if (address == null) {
            if (host.matches("[0-9.]+|.*:.*")) {
                return InetAddress.getAllByName(host);
            }
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    final OutboundGuard guard = new OutboundGuard(List.of(), OutboundGuardTests::resolve);

    @Test
    void publicHttpAndHttpsUrlsPass() {
        assertThat(guard.check("https://hooks.example.com/x", "url").getHost()).isEqualTo("hooks.example.com");
        assertThat(guard.check("http://v6.example.com/", "url")).isNotNull();
        assertThat(guard.check("https://HOOKS.EXAMPLE.COM./x", "url")).isNotNull();
    }

    @Test
    void namesResolvingToPrivateOrMetadataAddressesAreRefused() {
        for (String url : List.of(
                "https://internal.example.com/",
                "https://rebind.example.com/",
                "https://dual.example.com/",
                "https://ula.example.com/",
                "https://unknown.example.com/")) {
            assertThatThrownBy(() -> guard.check(url, "settings.url"))
                    .as(url)
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.field()).isEqualTo("settings.url"));
        }
    }

    @Test
    void literalAddressesOfEveryNonPublicKindAreRefused() {
        for (String url : List.of(
                "http://127.0.0.1/",
                "http://127.1.2.3/",
                "http://[::1]/",
                "http://0.0.0.0/",
                "http://10.0.0.1/",
                "http://172.31.255.255/",
                "http://192.168.0.1/",
                "http://169.254.169.254/",
                "http://[fe80::1]/",
                "http://[fc00::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:169.254.169.254]/",
                "http://100.100.100.200/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://198.18.0.1/")) {
            assertThatThrownBy(() -> guard.check(url, "url")).as(url).isInstanceOf(DomainException.class);
        }
    }

    @Test
    void transitionFormsAndEverySpecialPurposeRangeAreRefused() {
        for (String url : List.of(
                "http://[64:ff9b::7f00:1]/", // NAT64 of 127.0.0.1
                "http://[64:ff9b::a9fe:a9fe]/", // NAT64 of 169.254.169.254
                "http://[64:ff9b::808:808]/", // NAT64 of a public address: the translator decides, refused too
                "http://[64:ff9b:1::a00:1]/", // local-use NAT64
                "http://[2002:7f00:1::1]/", // 6to4 of 127.0.0.1
                "http://[2002:a9fe:a9fe::1]/", // 6to4 of the metadata address
                "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", // Teredo
                "http://[2600:1f18::5efe:a00:1]/", // ISATAP with 10.0.0.1 inside
                "http://[2600:1f18::200:5efe:c0a8:101]/", // ISATAP with 192.168.1.1 inside
                "http://[::7f00:1]/", // IPv4-compatible 127.0.0.1
                "http://[::a00:1]/", // IPv4-compatible 10.0.0.1
                "http://[100::1]/", // discard-only
                "http://[2001:db8::1]/", // documentation
                "http://[3fff::1]/", // documentation
                "http://[fec0::1]/", // site-local
                "http://[ff02::1]/", // multicast
                "http://192.0.2.10/", // documentation
                "http://198.51.100.7/",
                "http://203.0.113.9/",
                "http://192.88.99.1/", // 6to4 relay
                "http://192.0.0.170/")) {
            assertThatThrownBy(() -> guard.check(url, "url")).as(url).isInstanceOf(DomainException.class);
        }
        for (String url : List.of(
                "http://8.8.8.8/", "http://[2606:4700:4700::1111]/", "http://[::ffff:8.8.8.8]/", "http://1.1.1.1/")) {
            assertThat(guard.check(url, "url")).as(url).isNotNull();
        }
    }

    @Test
    void anIpv6LiteralThatJavaNetUriCannotReadIsA400NotA500() {
        assertThatThrownBy(() ->
                        guard.check("http://[::ffff:169.254.188888888888888888888888888869.254]/", "settings.url"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).isEqualTo("settings.url"));
    }

    @Test
    void onlyHttpSchemesWithoutCredentials() {
        for (String url : List.of(
                "ftp://hooks.example.com/",
                "file:///etc/passwd",
                "gopher://hooks.example.com/",
                "javascript:alert(1)",
                "//hooks.example.com/x",
                "https://user:pw@hooks.example.com/",
                "not a url",
                "",
                "https:///path")) {
            assertThatThrownBy(() -> guard.check(url, "url")).as(url).isInstanceOf(DomainException.class);
        }
        assertThatThrownBy(() -> guard.check("https://hooks.example.com/" + "a".repeat(3000), "url"))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void theOperatorAllowListAdmitsHostsAndRanges() {
        OutboundGuard allowing = new OutboundGuard(
                List.of("internal.example.com", "192.168.0.0/16", " ", "fd12:3456::/32"), OutboundGuardTests::resolve);
        assertThat(allowing.check("http://internal.example.com/", "url")).isNotNull();
        assertThat(allowing.check("http://192.168.44.5/", "url")).isNotNull();
        assertThat(allowing.check("http://dual.example.com/", "url")).isNotNull();
        assertThat(allowing.check("http://ula.example.com/", "url")).isNotNull();
        assertThatThrownBy(() -> allowing.check("http://10.0.0.1/", "url")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> allowing.check("http://169.254.169.254/", "url"))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aMalformedAllowListEntryIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new OutboundGuard(List.of("10.0.0.0/99"), OutboundGuardTests::resolve))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VIVREAL_OUTBOUND_ALLOWLIST");
    }
}
