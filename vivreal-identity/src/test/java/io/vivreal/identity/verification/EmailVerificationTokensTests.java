package io.vivreal.identity.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.core.crypto.DerivedKeys;
import io.vivreal.core.secrets.RotatingSecret;
import io.vivreal.identity.verification.EmailVerificationTokens.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verification link's token: it proves one user received mail at one address, for 24 hours, and nothing else. */
class EmailVerificationTokensTests {

    private static final byte[] SECRET = "context-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String ANN = "0123456789abcdef01234567";
    private static final String BOB = "76543210fedcba9876543210";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final EmailVerificationTokens tokens =
            new EmailVerificationTokens(RotatingSecret.fixed(SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

    private Outcome check(EmailVerificationTokens verifier, String token, String email) {
        return verifier.parse(token).map(claim -> verifier.check(claim, email)).orElse(Outcome.INVALID);
    }

    private Outcome check(String token, String email) {
        return check(tokens, token, email);
    }

    @Test
    void verifiesTheAddressItWasIssuedForCaseInsensitively() {
        String token = tokens.issue(ANN, "Ann@Example.com");

        assertThat(check(token, "Ann@Example.com")).isEqualTo(Outcome.VERIFIED);
        assertThat(check(token, "ann@example.com")).isEqualTo(Outcome.VERIFIED);
        assertThat(tokens.parse(token).orElseThrow().userId()).isEqualTo(ANN);
        assertThat(token).doesNotContain("ann", "example");
    }

    @Test
    void anAddressChangedSinceVerifiesNothing() {
        String token = tokens.issue(ANN, "ann@example.com");

        assertThat(check(token, "ann@elsewhere.example")).isEqualTo(Outcome.INVALID);
    }

    @Test
    void anotherUsersTokenVerifiesNothing() {
        String annToken = tokens.issue(ANN, "ann@example.com");
        String asBob = annToken.replace(ANN, BOB);

        assertThat(check(asBob, "ann@example.com")).isEqualTo(Outcome.INVALID);
        assertThat(check(tokens.issue(BOB, "bob@example.com"), "ann@example.com"))
                .isEqualTo(Outcome.INVALID);
    }

    @Test
    void expiresAfterTwentyFourHours() {
        String token = tokens.issue(ANN, "ann@example.com");
        EmailVerificationTokens almost = new EmailVerificationTokens(
                RotatingSecret.fixed(SECRET),
                Clock.fixed(NOW.plus(Duration.ofHours(24)).minusSeconds(1), ZoneOffset.UTC));
        EmailVerificationTokens later = new EmailVerificationTokens(
                RotatingSecret.fixed(SECRET), Clock.fixed(NOW.plus(Duration.ofHours(24)), ZoneOffset.UTC));

        assertThat(check(almost, token, "ann@example.com")).isEqualTo(Outcome.VERIFIED);
        assertThat(check(later, token, "ann@example.com")).isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void aLaterExpiryWrittenIntoTheTokenFailsItsMac() {
        String token = tokens.issue(ANN, "ann@example.com");
        String[] parts = token.split("\\.");
        String extended = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3];

        assertThat(check(extended, "ann@example.com")).isEqualTo(Outcome.INVALID);
    }

    @Test
    void everyFlippedCharacterAndEveryTruncationIsRefused() {
        String token = tokens.issue(ANN, "ann@example.com");
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char other = c == 'A' ? 'B' : c == '0' ? '1' : c == '.' ? '-' : (char) (c == 'a' ? 'b' : 'A');
            String flipped = token.substring(0, i) + other + token.substring(i + 1);
            assertThat(check(flipped, "ann@example.com")).as("position " + i).isEqualTo(Outcome.INVALID);
        }
        for (int length = 0; length < token.length(); length++) {
            assertThat(check(token.substring(0, length), "ann@example.com")).isEqualTo(Outcome.INVALID);
        }
        for (String junk : new String[] {null, "", "v1", token + "x", token + ".", "v2" + token.substring(2)}) {
            assertThat(check(junk, "ann@example.com")).as(junk).isEqualTo(Outcome.INVALID);
        }
    }

    @Test
    void aMacUnderAnotherPurposesKeyIsRefused() {
        // the same data signed under the context secret's other derived keys (cookies, CSRF, media) or the raw secret
        long expires = NOW.plus(Duration.ofHours(1)).getEpochSecond();
        String data = "email-verification|" + ANN + "|" + expires + "|ann@example.com";
        for (byte[] key : List.of(
                SECRET, DerivedKeys.derive(SECRET, "csrf"), DerivedKeys.derive(SECRET, "vivreal/media-url/v1"))) {
            String mac = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(DerivedKeys.hmac(key, data.getBytes(StandardCharsets.UTF_8)));
            assertThat(check("v1." + ANN + "." + expires + "." + mac, "ann@example.com"))
                    .isEqualTo(Outcome.INVALID);
        }
    }

    @Test
    void aTokenFromAnotherInstallationIsRefused() {
        EmailVerificationTokens elsewhere = new EmailVerificationTokens(
                RotatingSecret.fixed("another-context-secret-0123456789".getBytes(StandardCharsets.UTF_8)),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(check(elsewhere.issue(ANN, "ann@example.com"), "ann@example.com"))
                .isEqualTo(Outcome.INVALID);
    }
}
