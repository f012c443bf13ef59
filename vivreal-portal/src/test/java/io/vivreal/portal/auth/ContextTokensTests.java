package io.vivreal.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContextTokensTests {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    final ContextTokens contexts = new ContextTokens(
            "context-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
    final ActiveContext context = new ActiveContext(
            "user-1", "65a1b2c3d4e5f60718293a4b", "g_tests", "bucket", "owner", "free", 3, NOW.plusSeconds(600));

    @Test
    void aSignedContextVerifiesAsSigned() {
        assertThat(contexts.verify(contexts.sign(context))).contains(context);
    }

    @Test
    void aContextWithWhiteSpaceAroundItIsRefused() {
        // found by ContextTokensFuzzTests: the JWT parser trims what it is given
        String token = contexts.sign(context);
        for (String padded : new String[] {" " + token, token + " ", "\t" + token + "\n"}) {
            assertThat(contexts.verify(padded)).as(padded).isEmpty();
        }
    }

    @Test
    void anotherSpellingOfTheSameSignatureIsRefused() {
        // a decoder ignores the two spare bits of the last character of a 32-byte HS256 signature
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String token = contexts.sign(context);
        char last = token.charAt(token.length() - 1);
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        Base64.Decoder decoder = Base64.getUrlDecoder();
        assertThat(decoder.decode(respelled.substring(respelled.lastIndexOf('.') + 1)))
                .isEqualTo(decoder.decode(token.substring(token.lastIndexOf('.') + 1)));
        assertThat(contexts.verify(respelled)).isEmpty();
    }
}
