package io.vivreal.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The signature of a token is verified once; the validator (expiry, sign-out, session) runs on
 * every use, and a token that failed its signature is never remembered.
 */
class VerifiedSignaturesTests {

    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final JwtDecoder signatureOnly = token -> {
        signatureChecks.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "ES256")
                .subject("user")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60))
                .build();
    };
    private final AtomicBoolean signedOut = new AtomicBoolean();
    private final VerifiedSignatures decoder = new VerifiedSignatures(
            signatureOnly,
            jwt -> signedOut.get()
                    ? OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "the token was signed out", null))
                    : OAuth2TokenValidatorResult.success());

    @Test
    void aSignatureIsCheckedOnceButTheValidatorOnEveryUse() {
        assertThat(decoder.decode("good.token").getSubject()).isEqualTo("user");
        assertThat(decoder.decode("good.token").getSubject()).isEqualTo("user");
        assertThat(signatureChecks).hasValue(1);

        signedOut.set(true);
        assertThatThrownBy(() -> decoder.decode("good.token"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("signed out");
    }

    @Test
    void aTokenThatFailsItsSignatureIsCheckedAgainEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("forged.token")).isInstanceOf(BadJwtException.class);
        }
        assertThat(signatureChecks).hasValue(3);
    }
}
