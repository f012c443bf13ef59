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
    void anotherSpellingOfTheSameSignatureIsRefused() {
        // found by CsrfTokensFuzzTests: the last Base64 character of a 32-byte MAC carries two
        // spare bits a decoder ignores, so flipping them kept the signature bytes the same
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String token = tokens.issue(session);
        char last = token.charAt(token.length() - 1);
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(java.util.Base64.getUrlDecoder().decode(respelled.substring(respelled.indexOf('.') + 1)))
                .isEqualTo(java.util.Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1)));
        assertThat(tokens.valid(respelled, respelled, session)).isFalse();
        assertThat(tokens.issuedFor(respelled, session)).isFalse();
    }

    @Test
    void tokensAreFreshEachTime() {
        assertThat(tokens.issue(session)).isNotEqualTo(tokens.issue(session));
    }
}
