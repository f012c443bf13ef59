package io.vivreal.content.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.content.subscribers.SubscriberTokens.Outcome;
import io.vivreal.content.subscribers.SubscriberTokens.Purpose;
import io.vivreal.core.secrets.RotatingSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A subscriber link proves one purpose, for one subscriber of one group at one address, until it expires. */
class SubscriberTokensTests {

    private static final byte[] SECRET = "context-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String GROUP = "0123456789abcdef01234567";
    private static final String OTHER_GROUP = "76543210fedcba9876543210";
    private static final String ANN = "aaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String BOB = "bbbbbbbbbbbbbbbbbbbbbbbb";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final SubscriberTokens tokens =
            new SubscriberTokens(RotatingSecret.fixed(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Outcome check(SubscriberTokens verifier, String token, Purpose purpose, String email) {
        return verifier.parse(token, purpose)
                .map(claim -> verifier.check(claim, email))
                .orElse(Outcome.INVALID);
    }

    private Outcome check(String token, Purpose purpose, String email) {
        return check(tokens, token, purpose, email);
    }

    @Test
    void aLinkIsValidForItsPurposeAndAddressAndNamesItsGroupAndSubscriber() {
        String token = tokens.issue(Purpose.CONFIRM, GROUP, ANN, "Ann@Example.com");

        assertThat(check(token, Purpose.CONFIRM, "ann@example.com")).isEqualTo(Outcome.VALID);
        SubscriberTokens.Claim claim = tokens.parse(token, Purpose.CONFIRM).orElseThrow();
        assertThat(claim.groupId()).isEqualTo(GROUP);
        assertThat(claim.subscriberId()).isEqualTo(ANN);
        assertThat(token).doesNotContainIgnoringCase("ann@").doesNotContain("example");
    }

    @Test
    void aConfirmLinkCannotUnsubscribeNorTheOtherWayRound() {
        String confirm = tokens.issue(Purpose.CONFIRM, GROUP, ANN, "ann@example.com");
        String unsubscribe = tokens.issue(Purpose.UNSUBSCRIBE, GROUP, ANN, "ann@example.com");

        assertThat(check(confirm, Purpose.UNSUBSCRIBE, "ann@example.com")).isEqualTo(Outcome.INVALID);
        assertThat(check(unsubscribe, Purpose.CONFIRM, "ann@example.com")).isEqualTo(Outcome.INVALID);
        assertThat(check("u" + confirm.substring(1), Purpose.UNSUBSCRIBE, "ann@example.com"))
                .isEqualTo(Outcome.INVALID);
    }

    @Test
    void anotherSubscriberGroupOrAddressVerifiesNothing() {
        String token = tokens.issue(Purpose.UNSUBSCRIBE, GROUP, ANN, "ann@example.com");

        assertThat(check(token.replace(ANN, BOB), Purpose.UNSUBSCRIBE, "ann@example.com"))
                .isEqualTo(Outcome.INVALID);
        assertThat(check(token.replace(GROUP, OTHER_GROUP), Purpose.UNSUBSCRIBE, "ann@example.com"))
                .isEqualTo(Outcome.INVALID);
        assertThat(check(token, Purpose.UNSUBSCRIBE, "ann@elsewhere.example")).isEqualTo(Outcome.INVALID);
    }

    @Test
    void everySingleCharacterChangeAndEveryTruncationIsRefused() {
        String token = tokens.issue(Purpose.CONFIRM, GROUP, ANN, "ann@example.com");
        for (int i = 0; i < token.length(); i++) {
            char original = token.charAt(i);
            char changed = original == 'a' ? 'b' : original == '1' ? '2' : original == '.' ? '-' : 'a';
            String altered = token.substring(0, i) + changed + token.substring(i + 1);
            assertThat(check(altered, Purpose.CONFIRM, "ann@example.com"))
                    .as(altered)
                    .isEqualTo(Outcome.INVALID);
            assertThat(check(token.substring(0, i), Purpose.CONFIRM, "ann@example.com"))
                    .isEqualTo(Outcome.INVALID);
        }
        assertThat(check(token + "A", Purpose.CONFIRM, "ann@example.com")).isEqualTo(Outcome.INVALID);
        assertThat(check(null, Purpose.CONFIRM, "ann@example.com")).isEqualTo(Outcome.INVALID);
    }

    @Test
    void aLaterExpiryFailsTheMacAndAnExpiredLinkIsExpired() {
        String token = tokens.issue(Purpose.CONFIRM, GROUP, ANN, "ann@example.com");
        String[] parts = token.split("\\.");
        String later = String.join(
                ".", parts[0], parts[1], parts[2], String.valueOf(Long.parseLong(parts[3]) + 3600), parts[4]);
        assertThat(check(later, Purpose.CONFIRM, "ann@example.com")).isEqualTo(Outcome.INVALID);

        SubscriberTokens weekLater = new SubscriberTokens(
                RotatingSecret.fixed(SECRET),
                Clock.fixed(NOW.plus(SubscriberTokens.CONFIRM_LIFETIME).plus(Duration.ofSeconds(1)), ZoneOffset.UTC));
        assertThat(check(weekLater, token, Purpose.CONFIRM, "ann@example.com")).isEqualTo(Outcome.EXPIRED);
        String unsubscribe = tokens.issue(Purpose.UNSUBSCRIBE, GROUP, ANN, "ann@example.com");
        assertThat(check(weekLater, unsubscribe, Purpose.UNSUBSCRIBE, "ann@example.com"))
                .as("unsubscribe links outlive confirm links")
                .isEqualTo(Outcome.VALID);
    }

    @Test
    void anotherSecretsTokenIsRefused() {
        SubscriberTokens other = new SubscriberTokens(
                RotatingSecret.fixed("another-context-secret-0123456789ab".getBytes(StandardCharsets.UTF_8)),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(check(
                        other.issue(Purpose.CONFIRM, GROUP, ANN, "ann@example.com"),
                        Purpose.CONFIRM,
                        "ann@example.com"))
                .isEqualTo(Outcome.INVALID);
    }
}
