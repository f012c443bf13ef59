package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@link Secrets#refresh()}: rotation without restart, the overlap window, and what is refused. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsRotationTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration OVERLAP = Duration.ofMinutes(10);

    private final Map<SecretName, String> offered = new EnumMap<>(SecretName.class);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger refreshes = new AtomicInteger();
    private boolean unreachable;

    private final SecretsProvider provider = new SecretsProvider() {
        @Override
        public Optional<Secret> find(SecretName name) {
            return Optional.ofNullable(offered.get(name)).map(value -> SecretsProvider.parse(name, value, "test"));
        }

        @Override
        public void refresh() {
            if (unreachable) {
                throw new Secrets.SecretsException("cannot read the test source");
            }
            refreshes.incrementAndGet();
        }
    };

    private Secrets start(boolean production) {
        for (SecretName name : SecretName.values()) {
            offered.put(name, name.generate(RANDOM));
        }
        return Secrets.resolve(List.of(provider), Optional.empty(), production, RANDOM, clock, OVERLAP);
    }

    private static List<String> values(List<Secret> secrets) {
        return secrets.stream().map(Secret::value).toList();
    }

    @Test
    void aChangedContextSecretBecomesCurrentAndThePreviousStaysAcceptedDuringTheOverlap() {
        Secrets secrets = start(true);
        String old = offered.get(SecretName.CONTEXT_SECRET);
        String rotated = SecretName.CONTEXT_SECRET.generate(RANDOM);
        offered.put(SecretName.CONTEXT_SECRET, rotated);

        assertThat(secrets.refresh()).containsExactly(SecretName.CONTEXT_SECRET);

        assertThat(secrets.get(SecretName.CONTEXT_SECRET).value()).isEqualTo(rotated);
        assertThat(values(secrets.accepted(SecretName.CONTEXT_SECRET))).containsExactly(rotated, old);
        clock.advance(OVERLAP.minusSeconds(1));
        assertThat(values(secrets.accepted(SecretName.CONTEXT_SECRET))).containsExactly(rotated, old);
    }

    @Test
    void thePreviousValueIsNoLongerAcceptedOnceTheOverlapHasPassed() {
        Secrets secrets = start(true);
        String rotated = SecretName.CONTEXT_SECRET.generate(RANDOM);
        offered.put(SecretName.CONTEXT_SECRET, rotated);
        secrets.refresh();

        clock.advance(OVERLAP);

        assertThat(values(secrets.accepted(SecretName.CONTEXT_SECRET))).containsExactly(rotated);
    }

    @Test
    void anUnchangedValueIsNotARotation() {
        Secrets secrets = start(true);

        assertThat(secrets.refresh()).isEmpty();
        assertThat(secrets.accepted(SecretName.CONTEXT_SECRET)).hasSize(1);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void aSecondRotationKeepsOnlyTheValueItReplaced() {
        Secrets secrets = start(true);
        String second = SecretName.ENCRYPTION_KEYS.generate(RANDOM);
        String third = SecretName.ENCRYPTION_KEYS.generate(RANDOM);
        offered.put(SecretName.ENCRYPTION_KEYS, second);
        secrets.refresh();
        offered.put(SecretName.ENCRYPTION_KEYS, third);
        secrets.refresh();

        assertThat(values(secrets.accepted(SecretName.ENCRYPTION_KEYS))).containsExactly(third, second);
    }

    @Test
    void theSigningKeyAndThePepperStayAsStartedUntilARestart(CapturedOutput output) {
        Secrets secrets = start(true);
        String pepper = offered.get(SecretName.API_KEY_PEPPER);
        String signingKey = offered.get(SecretName.JWT_SIGNING_KEY);
        offered.put(SecretName.API_KEY_PEPPER, SecretName.API_KEY_PEPPER.generate(RANDOM));
        offered.put(SecretName.JWT_SIGNING_KEY, SecretName.JWT_SIGNING_KEY.generate(RANDOM));

        assertThat(secrets.refresh()).isEmpty();
        secrets.refresh();

        assertThat(secrets.get(SecretName.API_KEY_PEPPER).value()).isEqualTo(pepper);
        assertThat(secrets.get(SecretName.JWT_SIGNING_KEY).value()).isEqualTo(signingKey);
        assertThat(output.getOut())
                .containsOnlyOnce(
                        "secret api-key-pepper from test changed; it is read only" + " at start-up, restart to use it");
    }

    @Test
    void aRotatedValueThatADerivationRejectsIsRefusedAndTheRunningValueStays(CapturedOutput output) {
        Secrets secrets = start(true);
        RotatingSecret<byte[]> key = secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET);
        byte[] running = key.current();
        offered.put(SecretName.CONTEXT_SECRET, "dG9vIHNob3J0");

        assertThat(secrets.refresh()).isEmpty();

        assertThat(key.current()).isSameAs(running);
        assertThat(key.accepted()).containsExactly(running);
        assertThat(output.getOut())
                .contains("secret context-secret from test changed to an unusable value (secret 'context-secret'"
                        + " must hold at least 32 bytes); keeping the running value")
                .doesNotContain("dG9vIHNob3J0");
    }

    @Test
    void productionRefusesARotationToADevelopmentSecret() {
        Secrets secrets = start(true);
        String running = offered.get(SecretName.CONTEXT_SECRET);
        offered.put(SecretName.CONTEXT_SECRET, SecretsProvider.DEV_MARKER + SecretName.CONTEXT_SECRET.generate(RANDOM));

        assertThat(secrets.refresh()).isEmpty();
        assertThat(secrets.get(SecretName.CONTEXT_SECRET).value()).isEqualTo(running);
    }

    @Test
    void aSecretThatDisappearsFromTheSourceKeepsItsRunningValue() {
        Secrets secrets = start(true);
        String running = offered.remove(SecretName.CONTEXT_SECRET);

        assertThat(secrets.refresh()).isEmpty();
        assertThat(secrets.get(SecretName.CONTEXT_SECRET).value()).isEqualTo(running);
    }

    @Test
    void anUnreadableSourceFailsTheRefreshAndChangesNothing() {
        Secrets secrets = start(true);
        String running = offered.get(SecretName.CONTEXT_SECRET);
        offered.put(SecretName.CONTEXT_SECRET, SecretName.CONTEXT_SECRET.generate(RANDOM));
        unreachable = true;

        assertThatThrownBy(secrets::refresh).isInstanceOf(Secrets.SecretsException.class);
        assertThat(secrets.get(SecretName.CONTEXT_SECRET).value()).isEqualTo(running);
    }

    @Test
    void aRotatingSecretDerivesEachVersionOnce() {
        Secrets secrets = start(true);
        AtomicInteger derivations = new AtomicInteger();
        RotatingSecret<String> derived = secrets.rotating(SecretName.CONTEXT_SECRET, secret -> {
            derivations.incrementAndGet();
            return "derived:" + secret.value().length();
        });
        RotatingSecret<String> mapped = derived.map(value -> value + "/mapped");
        derived.current();
        derived.accepted();
        mapped.current();
        assertThat(derivations).hasValue(1);

        offered.put(SecretName.CONTEXT_SECRET, SecretName.CONTEXT_SECRET.generate(RANDOM));
        secrets.refresh();
        List<String> accepted = mapped.accepted();
        mapped.accepted();
        mapped.current();

        // the refresh's own check, then the new version once; the previous one is reused
        assertThat(derivations).hasValue(3);
        assertThat(accepted).hasSize(2);
        assertThat(mapped.current()).isSameAs(accepted.get(0));
    }

    @Test
    void noSecretValueIsLoggedWhileResolvingAndRotating(CapturedOutput output) {
        Secrets secrets = start(true);
        Map<SecretName, String> first = new EnumMap<>(offered);
        for (SecretName name : SecretName.values()) {
            offered.put(name, name.generate(RANDOM));
        }
        secrets.refresh();

        for (SecretName name : SecretName.values()) {
            assertThat(output.getAll()).doesNotContain(first.get(name)).doesNotContain(offered.get(name));
        }
        assertThat(output.getOut()).contains("secret context-secret rotated (from test)");
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
