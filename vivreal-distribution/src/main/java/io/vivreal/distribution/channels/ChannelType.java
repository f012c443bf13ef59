package io.vivreal.distribution.channels;

import io.vivreal.core.domain.DomainException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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
     * Bluesky (AT Protocol): the account's PDS ({@code service}, https://bsky.social when left
     * out), its {@code handle} (or DID) and an app password — never the account password.
     */
    BLUESKY(
            "bluesky",
            List.of(
                    new Setting("service", false, false, true),
                    Setting.plain("handle", Formats.HANDLE_OR_DID, "a Bluesky handle such as alice.bsky.social"),
                    Setting.secretFormat(
                            "appPassword",
                            Formats.APP_PASSWORD,
                            "a Bluesky app password (xxxx-xxxx-xxxx-xxxx, made under Settings, App passwords),"
                                    + " not the account password"))),

    /** No settings: its account is connected through OAuth (the connections package holds the tokens). */
    LINKEDIN("linkedin", List.of()),

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

    /**
     * One setting: its name, whether it is secret, required, and whether it is a URL; {@code
     * format}, when set, is what a value must match (checked when saved, so a wrong value is a 400
     * naming the field, not a failed delivery), and {@code formatHint} says so to the person.
     */
    public record Setting(
            String name, boolean secret, boolean required, boolean url, Pattern format, String formatHint) {
        public Setting(String name, boolean secret, boolean required, boolean url) {
            this(name, secret, required, url, null, null);
        }

        static Setting url(String name, boolean secret) {
            return new Setting(name, secret, true, true);
        }

        static Setting secret(String name, boolean required, boolean url) {
            return new Setting(name, true, required, url);
        }

        static Setting plain(String name, Pattern format, String formatHint) {
            return new Setting(name, false, true, false, format, formatHint);
        }

        static Setting secretFormat(String name, Pattern format, String formatHint) {
            return new Setting(name, true, true, false, format, formatHint);
        }

        /** Whether {@code value} has this setting's format (any value when it has none). */
        public boolean accepts(String value) {
            return format == null || format.matcher(value).matches();
        }
    }

    /** The formats settings are checked against. */
    static final class Formats {
        /** An AT Protocol handle (a DNS name of two or more labels) or a {@code did:plc}/{@code did:web}. */
        static final Pattern HANDLE_OR_DID = Pattern.compile(
                "(?=.{3,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                        + "|did:(?:plc:[a-z2-7]{24}|web:[A-Za-z0-9.%:-]{1,253})");
        /** Bluesky's app passwords: four groups of four lower-case letters and digits. */
        static final Pattern APP_PASSWORD = Pattern.compile("[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}");

        private Formats() {}
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
                "type",
                "type must be one of "
                        + String.join(
                                ", ",
                                java.util.Arrays.stream(values())
                                        .map(ChannelType::wireName)
                                        .toList()));
    }
}
