package io.vivreal.distribution.delivery;

import io.vivreal.distribution.channels.ChannelType;
import java.util.Map;

/**
 * One channel, decrypted for one delivery: its type, name, settings in plain text and the custom
 * type's secret headers. Lives only for the duration of a send; never logged, never answered.
 */
public record Delivery(ChannelType type, String name, Map<String, String> settings, Map<String, String> secretHeaders) {

    @Override
    public String toString() {
        return "Delivery[" + type.wireName() + " " + name + ", settings hidden]";
    }
}
