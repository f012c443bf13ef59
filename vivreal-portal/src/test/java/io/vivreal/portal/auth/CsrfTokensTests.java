package io.vivreal.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTokensTests {

    final CsrfTokens tokens = new CsrfTokens("context-secret-for-tests-0123456789".getBytes());
    final String session = CsrfTokens.sessionBinding("jti-1");

    @Test
    void aTokenIsValidOnlyAsCookieAndEqualHeaderForItsOwnSession() {
        String token = tokens.issue(session);
        assertThat(tokens.valid(token, token, session)).isTrue();
        assertThat(tokens.valid(token, null, session)).isFalse();
        assertThat(tokens.valid(token, token + "x", session)).isFalse();
        assertThat(tokens.valid(token, token, CsrfTokens.sessionBinding("jti-2")))
                .isFalse();
        assertThat(tokens.valid(token, token, CsrfTokens.ANONYMOUS)).isFalse();
    }

    @Test
    void anotherKeyOrAnEditedTokenIsRefused() {
        String foreign = new CsrfTokens("another-secret-entirely-0123456789".getBytes()).issue(session);
        assertThat(tokens.valid(foreign, foreign, session)).isFalse();
        String token = tokens.issue(session);
        String edited = "A" + token.substring(1);
        assertThat(tokens.valid(edited, edited, session)).isFalse();
        for (String junk : new String[] {"", ".", "a.b.c", "no-dot", "x".repeat(400)}) {
            assertThat(tokens.valid(junk, junk, session)).as(junk).isFalse();
        }
    }

    @Test
    void tokensAreFreshEachTime() {
        assertThat(tokens.issue(session)).isNotEqualTo(tokens.issue(session));
    }
}
