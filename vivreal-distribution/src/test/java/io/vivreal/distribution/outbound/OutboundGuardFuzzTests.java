package io.vivreal.distribution.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vivreal.core.domain.DomainException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The outbound guard under arbitrary URLs and arbitrary DNS answers: a URL is allowed or refused
 * with a 400 naming the field, never another exception; and whatever it allows resolved only to
 * public addresses, judged here by an independent table of the ranges the guard promises to
 * refuse (loopback, private, link-local with the metadata address, carrier-grade NAT, unspecified,
 * multicast, reserved, IPv4-mapped and -compatible forms of those).
 *
 * <p>An input is a URL, optionally followed by a newline and the DNS answer for its host as raw
 * bytes: the first byte says how many addresses (1-3) and which are IPv6, then 4 or 16 bytes each.
 * Without an answer a name resolves to one public address. Literal addresses are parsed, never
 * looked up, and no name ever reaches real DNS.
 *
 * <p>Addresses that only embed an IPv4 address (NAT64 {@code 64:ff9b::/96}, 6to4 {@code
 * 2002::/16}, Teredo, ISATAP) must be refused too; {@code -Dfuzz.outbound.embeddedIpv4=false}
 * relaxes that, for comparing with an older guard.
 */
class OutboundGuardFuzzTests {

    private static final boolean EMBEDDED_IPV4 =
            Boolean.parseBoolean(System.getProperty("fuzz.outbound.embeddedIpv4", "true"));
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final byte[] PUBLIC = {93, (byte) 184, (byte) 216, 34};

    @FuzzTest(maxDuration = "3m")
    void anyUrlIsAllowedToAPublicAddressOrA400(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String url = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8);
        byte[] answer = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        List<InetAddress> resolved = new ArrayList<>();
        OutboundGuard guard = new OutboundGuard(List.of(), host -> {
            InetAddress[] addresses = resolve(host, answer);
            resolved.addAll(List.of(addresses));
            return addresses;
        });

        URI allowed;
        try {
            allowed = guard.check(url, "settings.url");
        } catch (DomainException refused) {
            assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(refused.field()).isEqualTo("settings.url");
            assertThat(refused.getMessage()).hasSizeLessThanOrEqualTo(2_048 + 200);
            for (InetAddress address : resolved) {
                if (!url.contains(address.getHostAddress())) {
                    assertThat(refused.getMessage()).doesNotContain(address.getHostAddress());
                }
            }
            return;
        }

        assertThat(allowed.getScheme()).matches("(?i)https?");
        assertThat(allowed.getRawUserInfo()).isNull();
        assertThat(resolved).as("what %s resolved to", url).isNotEmpty();
        for (InetAddress address : resolved) {
            assertThat(refusedRange(address))
                    .as("%s allowed at %s", url, address)
                    .isNull();
        }
    }

    /** Our DNS: literals parsed (never looked up), every name answered from the input. */
    private static InetAddress[] resolve(String host, byte[] answer) throws UnknownHostException {
        if (DOTTED_QUAD.matcher(host).matches()
                || (host.contains(":") && (Character.digit(host.charAt(0), 16) >= 0 || host.charAt(0) == ':'))) {
            return InetAddress.getAllByName(host); // a literal: the JDK parses it or refuses, no lookup
        }
        if (answer.length == 0) {
            return new InetAddress[] {InetAddress.getByAddress(host, PUBLIC)};
        }
        int flags = answer[0] & 0xff;
        int count = 1 + (flags >> 3) % 3;
        List<InetAddress> addresses = new ArrayList<>();
        int at = 1;
        for (int i = 0; i < count; i++) {
            int length = (flags >> i & 1) == 1 ? 16 : 4;
            byte[] address =
                    Arrays.copyOfRange(answer, Math.min(at, answer.length), Math.min(at, answer.length) + length);
            addresses.add(InetAddress.getByAddress(host, address));
            at += length;
        }
        return addresses.toArray(InetAddress[]::new);
    }

    /** The range an address lies in that must never be called, or null when it is public. */
    static String refusedRange(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusedV4(b, 0);
        }
        if (allZero(b, 0, 15) && (b[15] == 0 || b[15] == 1)) {
            return "::/127 (unspecified, loopback)";
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return "fe80::/10 link-local";
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return "fec0::/10 site-local";
        }
        if ((first & 0xfe) == 0xfc) {
            return "fc00::/7 unique local";
        }
        if (first == 0xff) {
            return "ff00::/8 multicast";
        }
        if (allZero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return embedded("IPv4-mapped/compatible", b, 12);
        }
        if (!EMBEDDED_IPV4) {
            return null;
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return embedded("NAT64 64:ff9b::/32", b, 12);
        }
        if (first == 0x20 && second == 0x02) {
            return embedded("6to4 2002::/16", b, 2);
        }
        if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~b[12 + i];
            }
            String range = refusedV4(client, 0);
            return range == null ? embedded("Teredo 2001::/32 server", b, 4) : "Teredo 2001::/32 client in " + range;
        }
        if ((b[8] & 0xfd) == 0 && b[9] == 0 && b[10] == 0x5e && b[11] == (byte) 0xfe) {
            return embedded("ISATAP ::5efe:a.b.c.d", b, 12);
        }
        return null;
    }

    private static String embedded(String form, byte[] b, int offset) {
        String range = refusedV4(b, offset);
        return range == null ? null : form + " of " + range;
    }

    private static String refusedV4(byte[] b, int offset) {
        int a = b[offset] & 0xff;
        int c = b[offset + 1] & 0xff;
        int d = b[offset + 2] & 0xff;
        if (a == 0) return "0.0.0.0/8 this network";
        if (a == 10) return "10.0.0.0/8 private";
        if (a == 100 && c >= 64 && c <= 127) return "100.64.0.0/10 carrier-grade NAT";
        if (a == 127) return "127.0.0.0/8 loopback";
        if (a == 169 && c == 254) return "169.254.0.0/16 link-local and metadata";
        if (a == 172 && c >= 16 && c <= 31) return "172.16.0.0/12 private";
        if (a == 192 && c == 0 && d == 0) return "192.0.0.0/24 protocol assignments";
        if (a == 192 && c == 168) return "192.168.0.0/16 private";
        if (a == 198 && (c == 18 || c == 19)) return "198.18.0.0/15 benchmarking";
        if (a >= 224) return "224.0.0.0/3 multicast, reserved, broadcast";
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] input, byte value) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
