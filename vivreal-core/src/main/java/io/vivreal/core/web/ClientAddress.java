package io.vivreal.core.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The address a request came from, for rate limits. It is the socket's peer unless that peer is a
 * configured trusted proxy ({@code VIVREAL_TRUSTED_PROXIES}); only then is {@code X-Forwarded-For}
 * read — every line of it, joined in order, because a client may send its own line and a proxy
 * appends to the last — from the right, skipping trusted hops, so a client cannot pick its own
 * address by sending the header itself.
 *
 * <p>IPv6 clients are counted per /64: one subscriber usually holds a whole /64, and counting per
 * /128 would let it rotate through 2^64 fresh addresses for free.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList());
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trustedProxies.contains(peer)) {
            return bucket(peer);
        }
        List<String> lines = request.getHeaders("X-Forwarded-For") == null
                ? List.of()
                : Collections.list(request.getHeaders("X-Forwarded-For"));
        String[] hops = String.join(",", lines).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return bucket(hop);
            }
        }
        return bucket(peer);
    }

    /**
     * The rate-limit key of an address: an IPv4 address as it is, an IPv6 address as its /64
     * ({@code 2001:db8:1:2::/64}); anything that is not an address literal unchanged. Never
     * resolves a name: only strings that can only be literals are parsed.
     */
    static String bucket(String address) {
        if (address == null
                || IPV4.matcher(address).matches()
                || !address.contains(":")
                || !IPV6.matcher(address).matches()) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
