package io.vivreal.identity.stepup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.vivreal.core.domain.DomainException;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.store.EmbeddedMongoStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * When an authentication counts as recent: the token's {@code auth_time} (ours, or an external
 * issuer's) or a confirmation recorded for that very token, within five minutes — never a token
 * without either, never one claiming a sign-in in the future.
 */
class StepUpTests {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static EmbeddedMongoStore store;
    private static MongoClient client;
    private static Reauthentications reauthentications;
    private final StepUp stepUp = new StepUp(reauthentications, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("vivreal-stepup-");
        store = EmbeddedMongoStore.start(dir);
        client = MongoClients.create(store.connectionString());
        reauthentications =
                new Reauthentications(new ControlPlane(client.getDatabase("stepup")), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        client.close();
        store.close();
    }

    private static Jwt token(Object authTime) {
        Jwt.Builder builder = Jwt.withTokenValue("t")
                .header("alg", "ES256")
                .subject("user")
                .jti(UUID.randomUUID().toString())
                .issuedAt(NOW.minus(Duration.ofMinutes(30)))
                .expiresAt(NOW.plus(Duration.ofMinutes(30)));
        if (authTime != null) {
            builder.claim("auth_time", authTime);
        }
        return builder.build();
    }

    private static void assertReauthRequired(Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo("reauth_required"));
    }

    @Test
    void anAuthTimeWithinFiveMinutesIsRecentInEitherEncoding() {
        assertThatCode(() ->
                        stepUp.require(token(NOW.minus(Duration.ofMinutes(5)).getEpochSecond())))
                .doesNotThrowAnyException();
        assertThatCode(() -> stepUp.require(token(NOW.minusSeconds(10)))).doesNotThrowAnyException();
    }

    @Test
    void anAuthTimeOlderThanFiveMinutesIsNot() {
        assertReauthRequired(
                () -> stepUp.require(token(NOW.minus(Duration.ofMinutes(5)).minusSeconds(1))));
    }

    @Test
    void aTokenWithoutAuthTimeSuchAsAnExternalIssuersIsNeverRecent() {
        assertReauthRequired(() -> stepUp.require(token(null)));
        assertReauthRequired(() -> stepUp.require(token("yesterday")));
    }

    @Test
    void anAuthTimeInTheFutureIsRefused() {
        assertReauthRequired(
                () -> stepUp.require(token(NOW.plus(Duration.ofHours(1)).getEpochSecond())));
    }

    @Test
    void aRecordedConfirmationCountsForThatTokenOnly() {
        Jwt confirmed = token(NOW.minus(Duration.ofMinutes(40)).getEpochSecond());
        Jwt sameUserOtherToken = token(NOW.minus(Duration.ofMinutes(40)).getEpochSecond());
        assertReauthRequired(() -> stepUp.require(confirmed));

        stepUp.recordReauthentication(confirmed);

        assertThatCode(() -> stepUp.require(confirmed)).doesNotThrowAnyException();
        assertReauthRequired(() -> stepUp.require(sameUserOtherToken));
    }
}
