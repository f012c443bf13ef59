package io.vivreal.distribution.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One channel, decrypted for one send: its type, name, settings in plain text and the custom
 * type's secret headers. Lives only for the duration of a send; never logged, never answered.
 */
public record ChannelTarget(
        String id,
        String groupID,
        ChannelType type,
        String name,
        Map<String, String> settings,
        Map<String, String> secretHeaders) {

    public String setting(String name) {
        return settings.get(name);
    }

    /** Every secret value, so an answer that echoes one can be redacted. */
    public List<String> secrets() {
        List<String> values = new ArrayList<>(secretHeaders.values());
        for (ChannelType.Setting setting : type.settings()) {
            if (setting.secret() && settings.containsKey(setting.name())) {
                values.add(settings.get(setting.name()));
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "ChannelTarget[" + type.wireName() + " " + id + ", settings hidden]";
    }
}
