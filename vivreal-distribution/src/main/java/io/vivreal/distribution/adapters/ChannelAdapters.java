package io.vivreal.distribution.adapters;

import io.vivreal.distribution.channels.ChannelType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The adapter of each channel type; every type must have exactly one. */
public final class ChannelAdapters {

    private final Map<ChannelType, ChannelAdapter> byType = new EnumMap<>(ChannelType.class);

    public ChannelAdapters(List<ChannelAdapter> adapters) {
        for (ChannelAdapter adapter : adapters) {
            if (byType.put(adapter.type(), adapter) != null) {
                throw new IllegalStateException(
                        "two adapters for " + adapter.type().wireName());
            }
        }
        for (ChannelType type : ChannelType.values()) {
            if (!byType.containsKey(type)) {
                throw new IllegalStateException("no adapter for " + type.wireName());
            }
        }
    }

    public ChannelAdapter of(ChannelType type) {
        return byType.get(type);
    }
}
