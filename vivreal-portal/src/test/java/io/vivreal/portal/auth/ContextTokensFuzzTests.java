package io.vivreal.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code active_ctx} cookie under arbitrary values and edits: verification answers a context
 * or nothing and never throws; nothing the fuzzer makes up (JWS with {@code alg: none}, other
 * types, other keys) verifies, and a context we signed verifies only exactly as signed.
 */
class ContextTokensFuzzTests {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    final ContextTokens contexts = new ContextTokens(
            "context-secret-for-tests-0123456789".getBytes(StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

    @FuzzTest(maxDuration = "3m")
    void madeUpContextsAreRefused(byte[] input) {
        String cookie = new String(input, StandardCharsets.UTF_8);

        assertThat(contexts.verify(cookie)).as(cookie).isEmpty();
    }

    @FuzzTest(maxDuration = "3m")
    void aSignedContextVerifiesOnlyAsSigned(FuzzedDataProvider data) {
        ActiveContext context = new ActiveContext(
                "user-" + data.consumeInt(0, 9),
                "65a1b2c3d4e5f60718293a4b",
                "g_fuzz",
                "bucket-fuzz",
                "owner",
                "free",
                data.consumeLong(),
                NOW.plusSeconds(3_600));
        String token = contexts.sign(context);
        String edited = Tampering.edit(token, data);

        assertThat(contexts.verify(token)).contains(context);
        Optional<ActiveContext> verified = contexts.verify(edited);
        assertThat(verified).as(edited).isEqualTo(edited.equals(token) ? Optional.of(context) : Optional.empty());
    }
}
