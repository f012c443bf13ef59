package io.vivreal.distribution.connections;

import io.vivreal.distribution.channels.ChannelType;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One OAuth 2.0 provider a channel type connects through: its endpoints (overridable by
 * configuration, so tests point them at a local fake), the scopes asked for, and this server's
 * client registration. The client secret is read when needed, never kept in a field that could be
 * printed; a provider without a client id or secret is not configured and refuses to connect.
 */
public record OAuthProvider(
        ChannelType type,
        String displayName,
        URI authorizeUrl,
        URI tokenUrl,
        URI userinfoUrl,
        List<String> scopes,
        String clientId,
        Supplier<Optional<String>> clientSecret) {

    public OAuthProvider {
        scopes = List.copyOf(scopes);
        clientId = clientId == null ? "" : clientId.strip();
    }

    public boolean configured() {
        return !clientId.isEmpty() && clientSecret.get().isPresent();
    }

    @Override
    public String toString() {
        return "OAuthProvider[" + type.wireName() + ", secret hidden]";
    }
}
