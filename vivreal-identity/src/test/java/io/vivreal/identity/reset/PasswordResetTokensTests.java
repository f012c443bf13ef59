package io.vivreal.identity.reset;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.core.crypto.DerivedKeys;
import io.vivreal.core.secrets.RotatingSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The reset link's token: only our MAC over its random part passes, and only the digest is stored. */
class PasswordResetTokensTests {

    private static final byte[] SECRET = "context-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8);

    private final PasswordResetTokens tokens =
            new PasswordResetTokens(RotatingSecret.fixed(SECRET), new SecureRandom());

    @Test
    void anIssuedTokenVerifiesToTheDigestThatIsStored() {
        PasswordResetTokens.Issued issued = tokens.issue();
        assertThat(tokens.verify(issued.token())).contains(issued.digest());
        assertThat(issued.digest()).matches("[0-9a-f]{64}").doesNotContain(issued.token());
        assertThat(tokens.issue().token()).isNotEqualTo(issued.token());
    }

    @Test
    void everyAlteredTokenIsRefused() {
        String token = tokens.issue().token();
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                continue;
            }
            char flipped = token.charAt(i) == 'A' ? 'B' : 'A';
            String altered = token.substring(0, i) + flipped + token.substring(i + 1);
            assertThat(tokens.verify(altered)).as("changed at " + i).isEmpty();
        }
        assertThat(tokens.verify(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(tokens.verify(token + "A")).isEmpty();
        assertThat(tokens.verify(token.replace('.', '_'))).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
    }

    @Test
    void aTokenOfAnotherPurposeOrAnotherSecretIsRefused() {
        String secret = tokens.issue().token().split("\\.")[0];
        // the same random part under a MAC with the underived context secret, or another label
        String rawMac = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        DerivedKeys.hmac(SECRET, ("password-reset|" + secret).getBytes(StandardCharsets.US_ASCII)));
        String otherLabel = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(DerivedKeys.hmac(
                        DerivedKeys.derive(SECRET, "vivreal/email-verification/v1"),
                        ("password-reset|" + secret).getBytes(StandardCharsets.US_ASCII)));
        assertThat(tokens.verify(secret + "." + rawMac)).isEmpty();
        assertThat(tokens.verify(secret + "." + otherLabel)).isEmpty();
        PasswordResetTokens foreign = new PasswordResetTokens(
                RotatingSecret.fixed("another-context-secret-0123456789ab".getBytes(StandardCharsets.UTF_8)),
                new SecureRandom());
        assertThat(tokens.verify(foreign.issue().token())).isEmpty();
    }
}
