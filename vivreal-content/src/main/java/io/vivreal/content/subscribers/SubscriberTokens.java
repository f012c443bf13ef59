package io.vivreal.content.subscribers;

import io.vivreal.core.crypto.DerivedKeys;
import io.vivreal.core.mail.EmailAddresses;
import io.vivreal.core.secrets.RotatingSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The links of subscriber mails: {@code <purpose>1.<group>.<subscriber>.<expiry>.<HMAC-SHA256>},
 * purpose {@code c} (confirm, {@link #CONFIRM_LIFETIME}) or {@code u} (unsubscribe, {@link
 * #UNSUBSCRIBE_LIFETIME}). The MAC covers the purpose, group, subscriber, expiry and the
 * normalised address, under a key derived from the context secret for this one use; so a
 * confirm token cannot unsubscribe, another group's or subscriber's token names them and fails,
 * and a changed digit or a later expiry fails. The address itself is not in the link. Tokens are
 * not stored: nothing to leak or clean up.
 */
public final class SubscriberTokens {

    public static final Duration CONFIRM_LIFETIME = Duration.ofDays(7);
    public static final Duration UNSUBSCRIBE_LIFETIME = Duration.ofDays(400);
    static final String LABEL = "vivreal/newsletter-subscriber/v1";
    private static final Pattern SHAPE =
            Pattern.compile("([cu])1\\.([0-9a-f]{24})\\.([0-9a-f]{24})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

    public enum Purpose {
        CONFIRM("c"),
        UNSUBSCRIBE("u");

        private final String prefix;

        Purpose(String prefix) {
            this.prefix = prefix;
        }
    }

    /** What a well-formed token claims; its MAC is checked against the subscriber's address. */
    public record Claim(Purpose purpose, String groupId, String subscriberId, Instant expiresAt, String mac) {}

    public enum Outcome {
        VALID,
        INVALID,
        EXPIRED
    }

    private final RotatingSecret<byte[]> keys;
    private final Clock clock;

    public SubscriberTokens(RotatingSecret<byte[]> contextSecret, Clock clock) {
        this.keys = contextSecret.map(secret -> DerivedKeys.derive(secret, LABEL));
        this.keys.current();
        this.clock = clock;
    }

    public String issue(Purpose purpose, String groupId, String subscriberId, String email) {
        Duration lifetime = purpose == Purpose.CONFIRM ? CONFIRM_LIFETIME : UNSUBSCRIBE_LIFETIME;
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return purpose.prefix + "1." + groupId + "." + subscriberId + "." + expires + "."
                + mac(keys.current(), purpose, groupId, subscriberId, expires, email);
    }

    public Optional<Claim> parse(String token, Purpose expected) {
        if (token == null || token.length() > 160) {
            return Optional.empty();
        }
        var matcher = SHAPE.matcher(token);
        if (!matcher.matches() || !matcher.group(1).equals(expected.prefix)) {
            return Optional.empty();
        }
        return Optional.of(new Claim(
                expected,
                matcher.group(2),
                matcher.group(3),
                Instant.ofEpochSecond(Long.parseLong(matcher.group(4))),
                matcher.group(5)));
    }

    public Outcome check(Claim claim, String email) {
        boolean signed = false;
        for (byte[] key : keys.accepted()) {
            String expected = mac(
                    key,
                    claim.purpose(),
                    claim.groupId(),
                    claim.subscriberId(),
                    claim.expiresAt().getEpochSecond(),
                    email);
            signed |= MessageDigest.isEqual(
                    expected.getBytes(StandardCharsets.US_ASCII), claim.mac().getBytes(StandardCharsets.US_ASCII));
        }
        if (!signed) {
            return Outcome.INVALID;
        }
        return clock.instant().isBefore(claim.expiresAt()) ? Outcome.VALID : Outcome.EXPIRED;
    }

    private static String mac(
            byte[] key, Purpose purpose, String groupId, String subscriberId, long expires, String email) {
        String data = "newsletter-" + purpose.name() + "|" + groupId + "|" + subscriberId + "|" + expires + "|"
                + EmailAddresses.normalise(email);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(DerivedKeys.hmac(key, data.getBytes(StandardCharsets.UTF_8)));
    }
}
