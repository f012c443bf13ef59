package io.vivreal.app.identity;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Updates;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.store.ControlPlane;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Password reset by a signed, single-use, 30-minute link: the answer never says whether an address
 * has an account, a link works once and only unaltered and in time, using it ends every session,
 * and asking is limited per address.
 */
class PasswordResetTests extends ServerTest {

    private static final Pattern TOKEN = Pattern.compile("/app/reset-password#token=([A-Za-z0-9_.-]+)");
    private static final String NEW_PASSWORD = "a fresh passphrase for me";

    @Autowired
    ControlPlane controlPlane;

    private Http.Response ask(String email) {
        return http.post("/auth/password-reset", Map.of("email", email));
    }

    private Http.Response confirm(String token, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("token", token);
        body.put("password", password);
        return http.post("/auth/password-reset/confirm", body);
    }

    /** Asks for a link for the user and answers the token from the mail that arrives. */
    private String resetToken(Fixtures.User user) {
        long before = fixtures.outbox().countTo(user.email());
        assertThat(ask(user.email()).status()).isEqualTo(202);
        Outbox.Mail mail =
                fixtures.outbox().await(user.email(), m -> m.subject().contains("Reset"));
        org.awaitility.Awaitility.await().until(() -> fixtures.outbox().countTo(user.email()) > before);
        mail = fixtures.outbox().await(user.email(), m -> m.subject().contains("Reset"));
        Matcher matcher = TOKEN.matcher(mail.text());
        assertThat(matcher.find()).as(mail.text()).isTrue();
        assertThat(mail.html()).contains("/app/reset-password#token=");
        return matcher.group(1);
    }

    private static void assertInvalidToken(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_token");
    }

    @Test
    void theAnswerIsTheSameForAnUnknownAddressAndNoMailIsSent() {
        Fixtures.User user = fixtures.user();
        String unknown = "nobody-" + System.nanoTime() + "@example.com";

        Http.Response forUnknown = ask(unknown);
        Http.Response forKnown = ask(user.email());

        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());
        fixtures.outbox().await(user.email(), m -> m.subject().contains("Reset"));
        assertThat(fixtures.outbox().countTo(unknown)).isZero();
    }

    @Test
    void theLinkSetsThePasswordEndsEverySessionAndWorksOnlyOnce() {
        Fixtures.User user = fixtures.user();
        String other = http.post("/auth/login", Map.of("email", user.email(), "password", Fixtures.PASSWORD))
                .json()
                .get("idToken")
                .asString();
        String token = resetToken(user);

        Http.Response weak = confirm(token, "short");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("field").asString()).isEqualTo("password");

        Http.Response done = confirm(token, NEW_PASSWORD);
        assertThat(done.status())
                .as("a weak password does not use the link up: " + done.body())
                .isEqualTo(200);
        assertThat(done.body()).doesNotContain(NEW_PASSWORD, token);

        assertThat(http.get("/api/groups", user.auth()).status()).isEqualTo(401);
        assertThat(http.get("/api/groups", "Authorization", "Bearer " + other).status())
                .isEqualTo(401);
        assertThat(http.post("/auth/login", Map.of("email", user.email(), "password", Fixtures.PASSWORD))
                        .status())
                .isEqualTo(401);
        assertThat(http.post("/auth/login", Map.of("email", user.email(), "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(200);

        assertInvalidToken(confirm(token, "yet another passphrase"));
        assertThat(http.post("/auth/login", Map.of("email", user.email(), "password", NEW_PASSWORD))
                        .status())
                .as("the replay changed nothing")
                .isEqualTo(200);
    }

    @Test
    void aLinkAfterItsThirtyMinutesIsRefused() {
        Fixtures.User user = fixtures.user();
        String token = resetToken(user);
        long moved = controlPlane
                .collection("password_resets")
                .updateMany(
                        eq("userId", user.id()),
                        Updates.set("expiresAt", Date.from(Instant.now().minusSeconds(1))))
                .getModifiedCount();
        assertThat(moved).isGreaterThanOrEqualTo(1);

        assertInvalidToken(confirm(token, NEW_PASSWORD));
        assertThat(http.get("/api/groups", user.auth()).status())
                .as("nothing was reset")
                .isEqualTo(200);
    }

    @Test
    void aTamperedOrMadeUpTokenIsRefusedAndNeverA5xx() {
        Fixtures.User user = fixtures.user();
        String token = resetToken(user);
        int dot = token.indexOf('.');
        String flippedSecret = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        String flippedMac =
                token.substring(0, dot + 1) + (token.charAt(dot + 1) == 'A' ? "B" : "A") + token.substring(dot + 2);
        for (String hostile : new String[] {
            flippedSecret,
            flippedMac,
            token.substring(0, dot),
            token + "A",
            token.substring(0, token.length() - 1),
            "",
            "{\"$ne\":null}",
            "x".repeat(10_000)
        }) {
            assertInvalidToken(confirm(hostile, NEW_PASSWORD));
        }
        Http.Response missing = confirm(null, NEW_PASSWORD);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(http.post("/auth/password-reset/confirm", "{not json", "Content-Type", "application/json")
                        .status())
                .isEqualTo(400);

        assertThat(confirm(token, NEW_PASSWORD).status())
                .as("the real token still works after all that")
                .isEqualTo(200);
    }

    @Test
    void askingIsLimitedPerAddressWhetherItHasAnAccountOrNot() {
        Fixtures.User user = fixtures.user();
        String unknown = "nobody-" + System.nanoTime() + "@example.com";
        for (int i = 0; i < 3; i++) {
            assertThat(ask(user.email()).status()).isEqualTo(202);
            assertThat(ask(unknown).status()).isEqualTo(202);
        }
        Http.Response limitedKnown = ask(user.email());
        Http.Response limitedUnknown = ask(unknown.toUpperCase(java.util.Locale.ROOT));
        assertThat(limitedKnown.status()).isEqualTo(429);
        assertThat(limitedUnknown.status()).isEqualTo(429);
        assertThat(limitedKnown.header("Retry-After")).isNotBlank();
        assertThat(limitedKnown.body()).isEqualTo(limitedUnknown.body());
        assertThat(ask("someone-else-" + System.nanoTime() + "@example.com").status())
                .as("other addresses are not affected")
                .isEqualTo(202);
    }

    @Test
    void aMissingOrOverlongAddressIsA400NamingTheField() {
        for (Object body : new Object[] {Map.of(), Map.of("email", ""), Map.of("email", "a".repeat(300) + "@x.io")}) {
            Http.Response response = http.post("/auth/password-reset", body);
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("field").asString()).isEqualTo("email");
        }
        assertThat(http.post("/auth/password-reset", "[1,2", "Content-Type", "application/json")
                        .status())
                .isEqualTo(400);
    }
}
