package io.vivreal.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.PortalClient;
import io.vivreal.app.support.ServerTest;
import io.vivreal.identity.session.SessionRecord;
import io.vivreal.identity.session.Sessions;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Sessions a person can see and end: every sign-in is a session bound into its token ({@code sid});
 * ending one refuses its token on the Management API and the portal at once on this instance and
 * within a second on another; another person's session cannot be named; a password change ends
 * every other session.
 */
class SessionsTests extends ServerTest {

    @Autowired
    Sessions sessions;

    private String login(String email, String password, String userAgent) {
        Http.Response login =
                http.post("/auth/login", Map.of("email", email, "password", password), "User-Agent", userAgent);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().get("idToken").asString();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private JsonNode list(String token) {
        Http.Response list = http.get("/auth/sessions", bearer(token));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json();
    }

    private static String currentId(JsonNode sessions) {
        for (JsonNode session : sessions) {
            if (session.get("current").asBoolean()) {
                return session.get("id").asString();
            }
        }
        throw new AssertionError("no current session in " + sessions);
    }

    @Test
    void theListShowsEverySessionWithItsUserAgentAddressAndWhichIsCurrent() {
        Fixtures.User user = fixtures.user();
        String laptop = login(user.email(), Fixtures.PASSWORD, "Laptop-Browser/1.0");
        String phone = login(user.email(), Fixtures.PASSWORD, "Phone-Browser/2.0");

        JsonNode fromLaptop = list(laptop);
        assertThat(fromLaptop.size()).isEqualTo(3); // the fixture's own sign-in, the laptop and the phone
        JsonNode current = null;
        int currents = 0;
        for (JsonNode session : fromLaptop) {
            assertThat(session.get("id").asString()).matches("[A-Za-z0-9_-]{22}");
            assertThat(session.get("clientAddress").asString()).isEqualTo("127.0.0.1");
            assertThat(session.has("createdAt") && session.has("lastSeenAt")).isTrue();
            if (session.get("current").asBoolean()) {
                current = session;
                currents++;
            }
        }
        assertThat(currents).isEqualTo(1);
        assertThat(current.get("userAgent").asString()).isEqualTo("Laptop-Browser/1.0");
        assertThat(currentId(list(phone))).isNotEqualTo(current.get("id").asString());
        assertThat(list(phone).toString()).contains("Phone-Browser/2.0", "Laptop-Browser/1.0");
        assertThat(list(phone).toString()).doesNotContain(laptop, phone, "userId");
    }

    @Test
    void aHostileUserAgentIsStoredBoundedAndWithoutControlCharacters() {
        Fixtures.User user = fixtures.user();
        String agent = "Evil\tAgent/" + "x".repeat(4000);
        String token = login(user.email(), Fixtures.PASSWORD, agent);
        String stored = null;
        for (JsonNode session : list(token)) {
            if (session.get("current").asBoolean()) {
                stored = session.get("userAgent").asString();
            }
        }
        assertThat(stored).startsWith("EvilAgent/xxx").hasSizeLessThanOrEqualTo(256);
    }

    @Test
    void endingASessionRefusesItsTokenAtOnceAndLeavesTheOthers() {
        Fixtures.User user = fixtures.user();
        String other = login(user.email(), Fixtures.PASSWORD, "Other/1.0");
        String otherId = currentId(list(other));
        assertThat(http.get("/api/groups", bearer(other)).status()).isEqualTo(200);

        assertThat(http.delete("/auth/sessions/" + otherId, user.auth()).status())
                .isEqualTo(204);

        assertThat(http.get("/api/groups", bearer(other)).status()).isEqualTo(401);
        assertThat(http.get("/auth/sessions", bearer(other)).status()).isEqualTo(401);
        assertThat(http.post("/auth/reauth", Map.of("password", Fixtures.PASSWORD), bearer(other))
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/api/groups", user.auth()).status()).isEqualTo(200);
        assertThat(list(user.token()).toString()).doesNotContain(otherId);
        assertThat(http.delete("/auth/sessions/" + otherId, user.auth()).status())
                .as("already ended")
                .isEqualTo(404);
    }

    @Test
    void anotherUsersSessionIdIsNotFoundLikeAnUnknownOneAndStaysOpen() {
        Fixtures.User alice = fixtures.user();
        Fixtures.User bob = fixtures.user();
        String bobs = currentId(list(bob.token()));

        Http.Response foreign = http.delete("/auth/sessions/" + bobs, alice.auth());
        Http.Response unknown = http.delete("/auth/sessions/AAAAAAAAAAAAAAAAAAAAAA", alice.auth());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(unknown.body()).doesNotContain(bobs);
        for (String hostile : new String[] {"x", "%7B%22%24ne%22%3A1%7D", "A".repeat(300)}) {
            assertThat(http.delete("/auth/sessions/" + hostile, alice.auth()).status())
                    .as(hostile)
                    .isEqualTo(404);
        }
        assertThat(http.get("/api/groups", bob.auth()).status()).isEqualTo(200);
        assertThat(list(alice.token()).toString()).doesNotContain(bobs);
        assertThat(http.post("/auth/sessions/revoke-others", null, alice.auth())
                        .json()
                        .get("revoked")
                        .asLong())
                .isZero();
        assertThat(http.get("/api/groups", bob.auth()).status()).isEqualTo(200);
    }

    @Test
    void revokeOthersEndsEverySessionButTheCurrent() {
        Fixtures.User user = fixtures.user();
        String second = login(user.email(), Fixtures.PASSWORD, "Second/1.0");
        String third = login(user.email(), Fixtures.PASSWORD, "Third/1.0");

        Http.Response revoked = http.post("/auth/sessions/revoke-others", null, bearer(second));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("revoked").asLong()).isEqualTo(2);

        assertThat(http.get("/api/groups", bearer(second)).status()).isEqualTo(200);
        assertThat(http.get("/api/groups", bearer(third)).status()).isEqualTo(401);
        assertThat(http.get("/api/groups", user.auth()).status()).isEqualTo(401);
        JsonNode left = list(second);
        assertThat(left.size()).isEqualTo(1);
        assertThat(left.get(0).get("current").asBoolean()).isTrue();
    }

    @Test
    void sessionRoutesNeedOneOfOurTokens() {
        Fixtures.User user = fixtures.user();
        String[] tampered = bearer(user.token().substring(0, user.token().length() - 3) + "AAA");
        for (Http.Response response : new Http.Response[] {
            http.get("/auth/sessions"),
            http.get("/auth/sessions", tampered),
            http.post("/auth/sessions/revoke-others", null, tampered),
            http.delete("/auth/sessions/AAAAAAAAAAAAAAAAAAAAAA", tampered),
            http.post("/auth/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "x".repeat(12)))
        }) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.json().get("error").asString()).isEqualTo("unauthenticated");
        }
        assertThat(http.get("/api/groups", user.auth()).status()).isEqualTo(200);
    }

    @Test
    void changingThePasswordEndsEveryOtherSession() {
        Fixtures.User user = fixtures.user();
        String other = login(user.email(), Fixtures.PASSWORD, "Other/1.0");
        String newPassword = "a brand new passphrase";

        Http.Response wrong = http.post(
                "/auth/password",
                Map.of("currentPassword", "not my password", "newPassword", newPassword),
                user.auth());
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.json().get("error").asString()).isEqualTo("invalid_credentials");
        assertThat(wrong.json().get("field").asString()).isEqualTo("currentPassword");
        Http.Response weak = http.post(
                "/auth/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "short"), user.auth());
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("field").asString()).isEqualTo("newPassword");
        Http.Response missing = http.post("/auth/password", Map.of("newPassword", newPassword), user.auth());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("currentPassword");
        assertThat(http.get("/api/groups", bearer(other)).status())
                .as("refused changes end nothing")
                .isEqualTo(200);

        Http.Response changed = http.post(
                "/auth/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", newPassword),
                user.auth());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("sessionsEnded").asLong()).isEqualTo(1);
        assertThat(changed.body()).doesNotContain(newPassword);

        assertThat(http.get("/api/groups", user.auth()).status()).isEqualTo(200);
        assertThat(http.get("/api/groups", bearer(other)).status()).isEqualTo(401);
        assertThat(http.post("/auth/login", Map.of("email", user.email(), "password", Fixtures.PASSWORD))
                        .status())
                .isEqualTo(401);
        assertThat(http.post("/auth/login", Map.of("email", user.email(), "password", newPassword))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anExpiredSessionIsNotOpenNotListedAndSweptAway() {
        Fixtures.User user = fixtures.user();
        SessionRecord expired = sessions.start(user.id(), "127.0.0.1", "Old/1.0", Duration.ofSeconds(-1));
        assertThat(sessions.isActive(expired.id(), user.id())).isFalse();
        assertThat(list(user.token()).toString()).doesNotContain(expired.id());
        assertThat(sessions.sweepExpired()).isGreaterThanOrEqualTo(1);
        assertThat(http.delete("/auth/sessions/" + expired.id(), user.auth()).status())
                .as("swept: no record left to end")
                .isEqualTo(404);
        assertThat(sessions.isActive(currentId(list(user.token())), user.id())).isTrue();
        assertThat(sessions.isActive(currentId(list(user.token())), "0123456789abcdef01234567"))
                .as("a session is open only for its own user")
                .isFalse();
    }

    @Test
    void aSessionEndedOnOneInstanceIsRefusedOnAnotherWithinOneSecond() throws Exception {
        String storePort =
                Files.readString(DATA_DIR.resolve("embedded-store.port")).strip();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(VivrealApplication.class)
                .properties(
                        "server.port=0",
                        "vivreal.mongodb-uri=mongodb://127.0.0.1:" + storePort,
                        "vivreal.data-dir=" + DATA_DIR,
                        // the sign-in counters live in the shared store; every test signs in from 127.0.0.1
                        "vivreal.login.attempts-per-address=1000000",
                        "vivreal.login.attempts-per-account=1000000")
                .run()) {
            String secondBase = "http://localhost:" + second.getEnvironment().getProperty("local.server.port");
            Http secondHttp = new Http(secondBase);
            Fixtures.User user = fixtures.user();
            PortalClient portal = new PortalClient(secondBase).loggedIn(user.email(), Fixtures.PASSWORD);
            String portalToken = portal.cookies.get("token");
            String portalSession = currentId(
                    secondHttp.get("/auth/sessions", bearer(portalToken)).json());
            PortalClient kept = new PortalClient(secondBase).loggedIn(user.email(), Fixtures.PASSWORD);
            // both answers are now cached on the second instance
            assertThat(secondHttp.get("/api/groups", bearer(portalToken)).status())
                    .isEqualTo(200);
            assertThat(portal.get("/app/api/me").status()).isEqualTo(200);

            Instant ended = Instant.now();
            assertThat(http.delete("/auth/sessions/" + portalSession, user.auth())
                            .status())
                    .isEqualTo(204);
            while (true) {
                Duration startedAfter = Duration.between(ended, Instant.now());
                int api = secondHttp.get("/api/groups", bearer(portalToken)).status();
                int me = portal.get("/app/api/me").status();
                if (api == 401 && me == 401) {
                    break;
                }
                assertThat(startedAfter)
                        .as("the ended session still accepted by the other instance")
                        .isLessThan(Duration.ofSeconds(1));
            }
            assertThat(kept.get("/app/api/me").status())
                    .as("the user's other session on that instance stays open")
                    .isEqualTo(200);
        }
    }
}
