package io.vivreal.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.core.secrets.RotatingSecret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The context cookie and the CSRF tokens across a rotation of the context secret. */
class RotatingContextSecretTests {

    private static final Instant NOW = Instant.parse("2026-05-11T10:00:00Z");
    private static final byte[] OLD = "old-context-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "new-context-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    /** What Secrets answers: before, during and after the overlap. */
    private static final class Rotation implements RotatingSecret<byte[]> {
        volatile List<byte[]> accepted = List.of(OLD);

        @Override
        public byte[] current() {
            return accepted.get(0);
        }

        @Override
        public List<byte[]> accepted() {
            return accepted;
        }
    }

    private final Rotation secret = new Rotation();
    private final ContextTokens contexts = new ContextTokens(secret, Clock.fixed(NOW, ZoneOffset.UTC));
    private final CsrfTokens csrf = new CsrfTokens(secret);
    private final String session = CsrfTokens.sessionBinding("jti-1");

    private static ActiveContext context() {
        return new ActiveContext(
                "user-1", "group-1", "db1", "bucket-1", "owner", "free", 3, NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void aContextSignedBeforeTheRotationVerifiesDuringTheOverlapAndNotAfter() {
        String signedBefore = contexts.sign(context());

        secret.accepted = List.of(NEW, OLD);
        assertThat(contexts.verify(signedBefore)).contains(context());
        String signedAfter = contexts.sign(context());
        assertThat(signedAfter).isNotEqualTo(signedBefore);
        assertThat(new ContextTokens(NEW, Clock.fixed(NOW, ZoneOffset.UTC)).verify(signedAfter))
                .as("signed with the new secret")
                .isPresent();

        secret.accepted = List.of(NEW);
        assertThat(contexts.verify(signedBefore)).isEmpty();
        assertThat(contexts.verify(signedAfter)).contains(context());
    }

    @Test
    void aCsrfTokenIssuedBeforeTheRotationPassesDuringTheOverlapAndNotAfter() {
        String issuedBefore = csrf.issue(session);

        secret.accepted = List.of(NEW, OLD);
        assertThat(csrf.valid(issuedBefore, issuedBefore, session)).isTrue();
        String issuedAfter = csrf.issue(session);
        assertThat(new CsrfTokens(NEW).valid(issuedAfter, issuedAfter, session))
                .as("issued under the new secret")
                .isTrue();

        secret.accepted = List.of(NEW);
        assertThat(csrf.valid(issuedBefore, issuedBefore, session)).isFalse();
        assertThat(csrf.valid(issuedAfter, issuedAfter, session)).isTrue();
    }

    @Test
    void theOverlapDoesNotLetAnUnrelatedKeyIn() {
        secret.accepted = List.of(NEW, OLD);
        byte[] other = "some-other-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

        String forged = new ContextTokens(other, Clock.fixed(NOW, ZoneOffset.UTC)).sign(context());
        String foreignCsrf = new CsrfTokens(other).issue(session);

        assertThat(contexts.verify(forged)).isEmpty();
        assertThat(csrf.valid(foreignCsrf, foreignCsrf, session)).isFalse();
    }
}
