package io.vivreal.distribution.outbound;

import io.vivreal.core.domain.DomainException;
import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides whether the server may send a request to a URL a group gave it (SSRF guard). Only
 * {@code http} and {@code https}, no user info, and every address the host resolves to must be
 * public: loopback, private (RFC 1918, IPv6 unique-local), link-local (including the cloud
 * metadata address 169.254.169.254), carrier-grade NAT, multicast, unspecified and IPv4-mapped
 * forms of those are refused — unless the operator's allow-list ({@code
 * VIVREAL_OUTBOUND_ALLOWLIST}: host names or CIDRs) names the host or the address.
 *
 * <p>The check runs when a URL is saved and again before each request, with a fresh resolution.
 * Requests never follow redirects, so a public URL cannot bounce to an internal one.
 */
public final class OutboundGuard {

    /** Resolves host names; replaceable in tests, where no DNS is available. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final int MAX_URL_LENGTH = 2048;

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedRanges;
    private final Resolver resolver;

    public OutboundGuard(List<String> allowList, Resolver resolver) {
        List<String> hosts = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String raw : allowList) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            Cidr cidr = Cidr.parse(entry);
            if (cidr != null) {
                ranges.add(cidr);
            } else {
                hosts.add(entry);
            }
        }
        this.allowedHosts = Set.copyOf(hosts);
        this.allowedRanges = List.copyOf(ranges);
        this.resolver = resolver;
    }

    public static OutboundGuard withSystemResolver(List<String> allowList) {
        return new OutboundGuard(allowList, InetAddress::getAllByName);
    }

    /**
     * The URL, parsed, when the server may call it; otherwise a 400 naming {@code field}. The
     * message says what is wrong without echoing what the host resolved to.
     */
    public URI check(String url, String field) {
        if (url == null || url.isBlank()) {
            throw DomainException.invalid(field, field + " is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw DomainException.invalid(field, field + " must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException | NumberFormatException e) {
            // java.net.URI throws NumberFormatException for some IPv6 literals (found by fuzzing)
            throw DomainException.invalid(field, field + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw DomainException.invalid(field, field + " must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw DomainException.invalid(field, field + " must not contain a user name or password");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw DomainException.invalid(field, field + " must name a host");
        }
        String normalised = normalise(host);
        if (allowedHosts.contains(normalised)) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(normalised);
        } catch (UnknownHostException | SecurityException e) {
            throw DomainException.invalid(field, field + ": the host " + normalised + " cannot be resolved");
        }
        if (addresses.length == 0) {
            throw DomainException.invalid(field, field + ": the host " + normalised + " cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw DomainException.invalid(
                        field,
                        field + " points at a private, loopback, link-local or metadata address;"
                                + " an operator can allow it with VIVREAL_OUTBOUND_ALLOWLIST");
            }
        }
        return uri;
    }

    /**
     * The addresses a connection to {@code host} may use: resolved once and every one checked, or
     * {@link RefusedAddressException}. The outbound client connects only to what this answers — it
     * never resolves the name itself — so a name that rebinds between the check and the connection
     * cannot slip through.
     */
    public InetAddress[] approvedAddresses(String host) throws UnknownHostException {
        String normalised = normalise(host);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(normalised);
        } catch (SecurityException e) {
            throw new UnknownHostException(normalised);
        }
        if (allowedHosts.contains(normalised)) {
            return addresses;
        }
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(normalised);
        }
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw new RefusedAddressException(normalised);
            }
        }
        return addresses;
    }

    /** A name that resolves to an address the guard refuses. */
    public static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host) {
            super(host + " resolves to an address outbound requests may not reach");
        }
    }

    private boolean allowed(InetAddress address) {
        for (Cidr range : allowedRanges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return isPublic(address);
    }

    private static String normalise(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        try {
            return IDN.toASCII(lower);
        } catch (IllegalArgumentException e) {
            return lower;
        }
    }

    /**
     * Every special-purpose range of IANA's IPv4 and IPv6 registries that is not globally
     * reachable, plus the IPv6 transition forms that carry an IPv4 address inside (NAT64, 6to4,
     * Teredo, IPv4-compatible): a translator or relay on the way would deliver to that IPv4
     * address, so their embedded address cannot be trusted and the forms are refused outright.
     */
    private static final List<Cidr> SPECIAL_PURPOSE = Stream.of(
                    "0.0.0.0/8", // "this network"
                    "10.0.0.0/8", // private
                    "100.64.0.0/10", // carrier-grade NAT
                    "127.0.0.0/8", // loopback
                    "169.254.0.0/16", // link-local, cloud metadata
                    "172.16.0.0/12", // private
                    "192.0.0.0/24", // IETF protocol assignments
                    "192.0.2.0/24", // documentation
                    "192.31.196.0/24", // AS112
                    "192.52.193.0/24", // AMT
                    "192.88.99.0/24", // 6to4 relay anycast
                    "192.168.0.0/16", // private
                    "192.175.48.0/24", // direct delegation AS112
                    "198.18.0.0/15", // benchmarking
                    "198.51.100.0/24", // documentation
                    "203.0.113.0/24", // documentation
                    "224.0.0.0/4", // multicast
                    "240.0.0.0/4", // reserved, broadcast
                    "::/128", // unspecified
                    "::1/128", // loopback
                    "::/96", // IPv4-compatible (deprecated)
                    "64:ff9b::/96", // NAT64 well-known prefix
                    "64:ff9b:1::/48", // NAT64 local use
                    "100::/64", // discard-only
                    "2001::/23", // IETF protocol assignments, Teredo 2001::/32 among them
                    "2001:db8::/32", // documentation
                    "2002::/16", // 6to4
                    "3fff::/20", // documentation
                    "5f00::/16", // SRv6 SIDs
                    "fc00::/7", // unique local
                    "fe80::/10", // link-local
                    "fec0::/10", // site-local (deprecated)
                    "ff00::/8") // multicast
            .map(Cidr::parse)
            .toList();

    /** Whether an address is on the public internet. */
    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isMapped(bytes)) {
            try {
                return isPublic(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        for (Cidr range : SPECIAL_PURPOSE) {
            if (range.contains(address)) {
                return false;
            }
        }
        return !(address instanceof Inet6Address && isIsatap(bytes));
    }

    /** ::ffff:a.b.c.d, the IPv4-mapped form. */
    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** An ISATAP interface identifier ({@code ::0:5efe:a.b.c.d} or {@code ::200:5efe:a.b.c.d}) under any prefix. */
    private static boolean isIsatap(byte[] bytes) {
        return (bytes[8] == 0 || bytes[8] == 0x02)
                && bytes[9] == 0
                && bytes[10] == (byte) 0x5e
                && bytes[11] == (byte) 0xfe;
    }

    /** An address range in CIDR notation. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String addressPart = slash < 0 ? text : text.substring(0, slash);
            if (!addressPart.matches("[0-9.]+|[0-9a-f:.]*:[0-9a-f:.]*")) {
                return null;
            }
            try {
                byte[] network = InetAddress.getByName(addressPart).getAddress();
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("VIVREAL_OUTBOUND_ALLOWLIST: bad prefix in " + text);
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("VIVREAL_OUTBOUND_ALLOWLIST: cannot read " + text);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
