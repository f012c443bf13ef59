package io.vivreal.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The double-submit check under arbitrary cookies, headers and edits: it answers true or false and
 * never throws; nothing the fuzzer makes up passes, and a token we issued passes only exactly as
 * issued — any edit, even one that decodes to the same signature bytes, is refused.
 */
class CsrfTokensFuzzTests {

    final CsrfTokens tokens = new CsrfTokens("context-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8));

    @FuzzTest(maxDuration = "3m")
    void madeUpTokensAreRefused(FuzzedDataProvider data) {
        String binding =
                data.consumeBoolean() ? CsrfTokens.ANONYMOUS : CsrfTokens.sessionBinding(data.consumeString(40));
        String cookie = data.consumeString(300);
        String header = data.consumeBoolean() ? cookie : data.consumeRemainingAsString();

        assertThat(tokens.valid(cookie, header, binding)).as(cookie).isFalse();
        assertThat(tokens.issuedFor(cookie, binding)).as(cookie).isFalse();
    }

    @FuzzTest(maxDuration = "3m")
    void anIssuedTokenPassesOnlyAsIssued(FuzzedDataProvider data) {
        String binding = CsrfTokens.sessionBinding("jti-" + data.consumeInt(0, 3));
        String token = tokens.issue(binding);
        String edited = Tampering.edit(token, data);

        assertThat(tokens.valid(token, token, binding)).isTrue();
        boolean passes = edited.equals(token);
        assertThat(tokens.valid(edited, edited, binding)).as(edited).isEqualTo(passes);
        assertThat(tokens.issuedFor(edited, binding)).as(edited).isEqualTo(passes);
        assertThat(tokens.valid(token, edited, binding)).as(edited).isEqualTo(passes);
    }
}
