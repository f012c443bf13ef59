package io.vivreal.core.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;

/**
 * The address a request came from, for rate limits. It is the socket's peer unless that peer is a
 * configured trusted proxy ({@code VIVREAL_TRUSTED_PROXIES}); only then is {@code X-Forwarded-For}
 * read, from the right, skipping trusted hops — so a client cannot pick its own address by sending
 * the header itself.
 */
public final class ClientAddress {

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
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
