package io.vivreal.distribution.connections;

import io.vivreal.distribution.channels.ChannelType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The channel types that connect through OAuth, each with its provider. */
public final class OAuthProviders {

    private final Map<ChannelType, OAuthProvider> byType = new EnumMap<>(ChannelType.class);

    public OAuthProviders(List<OAuthProvider> providers) {
        for (OAuthProvider provider : providers) {
            if (byType.put(provider.type(), provider) != null) {
                throw new IllegalStateException(
                        "two OAuth providers for " + provider.type().wireName());
            }
        }
    }

    public Optional<OAuthProvider> of(ChannelType type) {
        return Optional.ofNullable(byType.get(type));
    }

    public boolean connects(ChannelType type) {
        return byType.containsKey(type);
    }
}
