package io.vivreal.distribution.channels;

import io.vivreal.core.domain.DomainException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of channel and the settings each takes. A setting is either a plain value (shown in
 * answers) or a secret (encrypted at rest, answered only as a masked hint). {@code custom} also
 * takes {@code secretHeaders}: named secrets sent as request headers.
 */
public enum ChannelType {
    WEBHOOK("webhook", List.of(Setting.url("url", false), Setting.secret("signingSecret", true, false))),
    SLACK("slack", List.of(Setting.secret("webhookUrl", true, true))),
    DISCORD("discord", List.of(Setting.secret("webhookUrl", true, true))),
    MASTODON("mastodon", List.of(Setting.url("instanceUrl", false), Setting.secret("accessToken", true, false))),
    CUSTOM("custom", List.of(Setting.url("url", false))),
    /**
     * Mails published items to the confirmed subscribers of one content type ({@code
     * subscribersTypeId}); {@code fromName} is the display name in front of the operator's sender
     * address; {@code itemUrl}, optional, links each mail to the item ({@code {slug}}, {@code {id}}).
     */
    NEWSLETTER(
            "newsletter",
            List.of(
                    new Setting("subscribersTypeId", false, true, false),
                    new Setting("fromName", false, false, false),
                    new Setting("itemUrl", false, false, false)));

    /** One setting: its name, whether it is secret, required, and whether it is a URL. */
    public record Setting(String name, boolean secret, boolean required, boolean url) {
        static Setting url(String name, boolean secret) {
            return new Setting(name, secret, true, true);
        }

        static Setting secret(String name, boolean required, boolean url) {
            return new Setting(name, true, required, url);
        }
    }

    /** The settings key of the custom type's named secret headers. */
    public static final String SECRET_HEADERS = "secretHeaders";

    private final String wireName;
    private final List<Setting> settings;

    ChannelType(String wireName, List<Setting> settings) {
        this.wireName = wireName;
        this.settings = settings;
    }

    public String wireName() {
        return wireName;
    }

    public List<Setting> settings() {
        return settings;
    }

    public Optional<Setting> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static ChannelType parse(Object value) {
        if (value instanceof String text) {
            String wanted = text.strip().toLowerCase(Locale.ROOT);
            for (ChannelType type : values()) {
                if (type.wireName.equals(wanted)) {
                    return type;
                }
            }
        }
        throw DomainException.invalid(
                "type", "type must be one of webhook, slack, discord, mastodon, custom, newsletter");
    }
}
