package io.vivreal.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Browser;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.MutableClock;
import io.vivreal.app.support.PortalClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Step-up before secrets: revealing, rolling or regenerating the API key, changing a channel's
 * secrets and changing members' roles need a sign-in or password confirmation within the last five
 * minutes. A server of its own with a clock the test moves (tokens are still checked against real
 * time, so every sign-in happens before the clock is moved) and a small per-account sign-in limit.
 */
@SpringBootTest(
        classes = {VivrealApplication.class, StepUpTests.TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StepUpTests {

    static final Path DATA_DIR =
            Path.of("target", "test-data", "step-up-" + UUID.randomUUID()).toAbsolutePath();
    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static final int ATTEMPTS_PER_ACCOUNT = 6;

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vivreal.data-dir", DATA_DIR::toString);
        registry.add("vivreal.outbound-allowlist", () -> "127.0.0.1");
        registry.add("vivreal.login.attempts-per-address", () -> "1000000");
        registry.add("vivreal.login.attempts-per-account", () -> String.valueOf(ATTEMPTS_PER_ACCOUNT));
    }

    @LocalServerPort
    int port;

    Http http;
    Fixtures fixtures;

    @BeforeEach
    void client() {
        CLOCK.set(Instant.now());
        http = new Http("http://localhost:" + port);
        fixtures = new Fixtures(http, DATA_DIR.resolve("mail"));
    }

    private String groups(String group, String rest) {
        return "/api/groups/" + group + rest;
    }

    private static void assertReauthRequired(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("reauth_required");
    }

    @Test
    void aFreshSignInMayRevealButFiveMinutesLaterEveryKeyActionNeedsReauth() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);

        CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));

        Http.Response reveal = http.get(groups(group, "/api-key"), owner.auth());
        assertReauthRequired(reveal);
        assertThat(reveal.body()).doesNotContain(key);
        assertReauthRequired(http.post(groups(group, "/api-key/regenerate"), null, owner.auth()));
        assertReauthRequired(http.post(groups(group, "/api-key/roll"), Map.of("overlap", "PT1H"), owner.auth()));
        assertReauthRequired(http.put(
                groups(group, "/payments/stripe"),
                Map.of("secretKey", "sk_test_0123456789abcdef", "webhookSecret", "whsec_0123456789abcdef"),
                owner.auth()));
        assertThat(http.get(CLIENT_ROUTE, "Authorization", key).status())
                .as("nothing was regenerated or rolled")
                .isEqualTo(200);
    }

    private static final String CLIENT_ROUTE = "/tenant/collectionObjects?collectionId=0123456789abcdef01234567";

    @Test
    void reauthAllowsTheActionForFiveMinutesAndThenItIsRefusedAgain() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        CLOCK.advance(Duration.ofMinutes(30));
        assertReauthRequired(http.get(groups(group, "/api-key"), owner.auth()));

        Http.Response wrong = http.post("/auth/reauth", Map.of("password", "not the password"), owner.auth());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asString()).isEqualTo("invalid_credentials");
        assertReauthRequired(http.get(groups(group, "/api-key"), owner.auth()));

        Http.Response confirmed = http.post("/auth/reauth", Map.of("password", Fixtures.PASSWORD), owner.auth());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).doesNotContain(Fixtures.PASSWORD);
        assertThat(http.get(groups(group, "/api-key"), owner.auth()).status()).isEqualTo(200);
        assertThat(http.post(groups(group, "/api-key/roll"), Map.of("overlap", "PT1H"), owner.auth())
                        .status())
                .isEqualTo(200);

        CLOCK.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(http.get(groups(group, "/api-key"), owner.auth()).status()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(2));
        assertReauthRequired(http.get(groups(group, "/api-key"), owner.auth()));
    }

    @Test
    void aReauthCountsOnlyForTheTokenItWasMadeWith() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String otherToken = http.post("/auth/login", Map.of("email", owner.email(), "password", Fixtures.PASSWORD))
                .json()
                .get("idToken")
                .asString();
        CLOCK.advance(Duration.ofMinutes(10));

        assertThat(http.post("/auth/reauth", Map.of("password", Fixtures.PASSWORD), owner.auth())
                        .status())
                .isEqualTo(200);

        assertThat(http.get(groups(group, "/api-key"), owner.auth()).status()).isEqualTo(200);
        assertReauthRequired(http.get(groups(group, "/api-key"), "Authorization", "Bearer " + otherToken));
    }

    @Test
    void roleChecksComeFirstSoWeakerRolesAre403AndOtherGroups404() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User viewer = fixtures.verifiedUser();
        Fixtures.User stranger = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, viewer, "viewer");
        CLOCK.advance(Duration.ofMinutes(6));

        assertThat(http.get(groups(group, "/api-key"), viewer.auth()).status()).isEqualTo(403);
        assertThat(http.get(groups(group, "/api-key"), stranger.auth()).status())
                .isEqualTo(404);
        assertThat(http.post(groups(group, "/api-key/roll"), Map.of("overlap", "PT1H"), stranger.auth())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void changingAMembersRoleNeedsReauth() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User member = fixtures.verifiedUser();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, member, "viewer");
        CLOCK.advance(Duration.ofMinutes(6));

        assertReauthRequired(http.put(groups(group, "/members/" + member.id()), Map.of("role", "admin"), owner.auth()));

        http.post("/auth/reauth", Map.of("password", Fixtures.PASSWORD), owner.auth());
        Http.Response changed =
                http.put(groups(group, "/members/" + member.id()), Map.of("role", "editor"), owner.auth());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("role").asString()).isEqualTo("editor");
    }

    @Test
    void changingAChannelsSecretNeedsReauthButOtherEditsDoNot() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        Http.Response created = http.post(
                groups(group, "/channels"),
                Map.of(
                        "type",
                        "webhook",
                        "name",
                        "Site rebuild",
                        "settings",
                        Map.of("url", "http://127.0.0.1:9/hook", "signingSecret", "whsec_first_secret_value")),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String channel = created.json().get("_id").asString();
        CLOCK.advance(Duration.ofMinutes(6));

        assertReauthRequired(http.put(
                groups(group, "/channels/" + channel),
                Map.of("settings", Map.of("signingSecret", "whsec_stolen_session_value")),
                owner.auth()));
        assertReauthRequired(http.post(
                groups(group, "/channels"),
                Map.of(
                        "type",
                        "slack",
                        "name",
                        "Team",
                        "settings",
                        Map.of("webhookUrl", "https://hooks.slack.com/services/T0/B0/x")),
                owner.auth()));
        Http.Response renamed =
                http.put(groups(group, "/channels/" + channel), Map.of("name", "Renamed"), owner.auth());
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);

        http.post("/auth/reauth", Map.of("password", Fixtures.PASSWORD), owner.auth());
        assertThat(http.put(
                                groups(group, "/channels/" + channel),
                                Map.of("settings", Map.of("signingSecret", "whsec_second_secret_value")),
                                owner.auth())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void reauthWithAWrongPasswordCountsAgainstTheSignInLimit() {
        Fixtures.User user = fixtures.user(); // the sign-in is attempt 1
        for (int attempt = 2; attempt <= ATTEMPTS_PER_ACCOUNT; attempt++) {
            Http.Response wrong = http.post("/auth/reauth", Map.of("password", "wrong " + attempt), user.auth());
            assertThat(wrong.status()).as("attempt " + attempt).isEqualTo(401);
        }

        Http.Response limited = http.post("/auth/reauth", Map.of("password", Fixtures.PASSWORD), user.auth());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(http.post("/auth/login", Map.of("email", user.email(), "password", Fixtures.PASSWORD))
                        .status())
                .as("the same count as sign-in")
                .isEqualTo(429);
    }

    @Test
    void reauthNeedsAValidTokenOfThisServerAndAPassword() {
        Fixtures.User user = fixtures.user();
        for (String[] headers :
                List.of(new String[] {}, new String[] {"Authorization", "Bearer not-a-token"}, new String[] {
                    "Authorization", "Basic dXNlcjpwYXNz"
                })) {
            Http.Response refused = http.post("/auth/reauth", Map.of("password", Fixtures.PASSWORD), headers);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("error").asString()).isEqualTo("unauthenticated");
        }
        Http.Response missing = http.post("/auth/reauth", Map.of(), user.auth());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("password");
        Http.Response injected = http.post("/auth/reauth", Map.of("password", Map.of("$ne", "")), user.auth());
        assertThat(injected.status()).isBetween(400, 401);
    }

    @Test
    void thePortalRelaysReauthRequiredAndItsDialogRouteRecordsTheConfirmation() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        PortalClient portal = new PortalClient("http://localhost:" + port).loggedIn(owner.email(), Fixtures.PASSWORD);
        assertThat(portal.switchTo(group).status()).isEqualTo(200);
        assertThat(portal.get("/app/api/proxy/api-key").status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(6));

        PortalClient.Response refused = portal.get("/app/api/proxy/api-key");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("error").asString()).isEqualTo("reauth_required");
        assertThat(portal.sendWithoutCsrf("POST", "/app/api/reauth", Map.of("password", Fixtures.PASSWORD))
                        .status())
                .isEqualTo(403);
        assertThat(portal.post("/app/api/reauth", Map.of("password", "wrong password"))
                        .status())
                .isEqualTo(401);

        PortalClient.Response confirmed = portal.post("/app/api/reauth", Map.of("password", Fixtures.PASSWORD));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(portal.get("/app/api/proxy/api-key").status()).isEqualTo(200);
    }

    @Test
    void aKeyRollInTheBrowserAsksForThePasswordInPlaceAndIsWatchedUntilTheOldKeyIsRevoked() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String oldKey = fixtures.apiKey(owner, group);
        // 127.0.0.1, not localhost: Chromium may connect over IPv6, another client address
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.open("/app/login");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/dashboard");
            CLOCK.advance(Duration.ofMinutes(6));

            browser.open("/app/settings");
            new Select(browser.find("#roll-overlap")).selectByValue("PT1H");
            browser.click("#roll-key");
            assertThat(browser.find("dialog.confirm").getText()).contains("keeps working for 1 hour");
            browser.click("#confirm-yes");

            // the server asks for a recent sign-in; the page asks for the password in place
            browser.find("#reauth-dialog");
            browser.type("#reauth-password", "not the password");
            browser.click("#reauth-confirm");
            browser.waitUntil(d ->
                    !d.findElement(By.cssSelector("#reauth-error")).getText().isBlank());
            browser.type("#reauth-password", Fixtures.PASSWORD);
            browser.click("#reauth-confirm");
            browser.waitUntil(d -> {
                var shown = d.findElements(By.cssSelector("#api-key-value"));
                return !shown.isEmpty() && !shown.get(0).getText().strip().equals(oldKey);
            });
            String newKey = browser.find("#api-key-value").getText().strip();
            assertThat(newKey).startsWith("vr_").hasSize(52);
            assertThat(browser.find("#previous-key").getText()).contains(oldKey.substring(0, 7));
            assertThat(browser.find("#previous-key-hint").getText()).contains("No site has used the old key");

            // a site still on the old key shows up in the hint
            CLOCK.advance(Duration.ofSeconds(30));
            assertThat(http.get(CLIENT_ROUTE, "Authorization", oldKey).status()).isEqualTo(200);
            assertThat(http.get(CLIENT_ROUTE, "Authorization", newKey).status()).isEqualTo(200);
            browser.click("#refresh-key");
            browser.waitUntil(d -> d.findElement(By.cssSelector("#previous-key-hint"))
                    .getText()
                    .contains("still using the old key"));
            browser.screenshot("settings-key-roll");

            browser.click("#revoke-previous");
            browser.click("#confirm-yes");
            browser.waitUntil(
                    d -> d.findElements(By.cssSelector("#previous-key")).isEmpty()
                            && !d.findElements(By.cssSelector("#api-key-value")).isEmpty());
            await().atMost(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(http.get(CLIENT_ROUTE, "Authorization", oldKey)
                                    .status())
                            .isEqualTo(403));
            assertThat(http.get(CLIENT_ROUTE, "Authorization", newKey).status()).isEqualTo(200);
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }
    }
}
