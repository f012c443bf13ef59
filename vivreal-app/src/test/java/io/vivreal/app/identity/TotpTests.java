package io.vivreal.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Browser;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.MutableClock;
import io.vivreal.app.support.PortalClient;
import io.vivreal.core.store.ControlPlane;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The second factor: TOTP enrolment and confirmation, the code at sign-in and step-up, each code
 * once, one step of drift either way, recovery codes once, the sign-in limits, and a group's
 * "require it of every member". A server of its own whose clock each test freezes in the middle of
 * a 30-second step (tokens are still checked against real time, which stays within seconds).
 */
@SpringBootTest(
        classes = {VivrealApplication.class, TotpTests.TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TotpTests {

    static final Path DATA_DIR =
            Path.of("target", "test-data", "totp-" + UUID.randomUUID()).toAbsolutePath();
    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static final int ATTEMPTS_PER_ACCOUNT = 10;

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

    @Autowired
    ControlPlane controlPlane;

    Http http;
    Fixtures fixtures;
    Instant now;

    @BeforeEach
    void client() {
        now = Totp.midStep(Instant.now());
        CLOCK.set(now);
        http = new Http("http://localhost:" + port);
        fixtures = new Fixtures(http, DATA_DIR.resolve("mail"));
    }

    private long step() {
        return Totp.step(CLOCK.instant());
    }

    /** A user with a confirmed second factor: answers the secret and the recovery codes. */
    private record Enrolled(Fixtures.User user, String secret, List<String> recoveryCodes) {}

    private Enrolled enrolled() {
        Fixtures.User user = fixtures.user();
        Http.Response enroll = http.post("/auth/totp/enroll", null, user.auth());
        assertThat(enroll.status()).as(enroll.body()).isEqualTo(200);
        String secret = enroll.json().get("secret").asString();
        Http.Response confirm =
                http.post("/auth/totp/confirm", Map.of("code", Totp.code(secret, step() - 1)), user.auth());
        assertThat(confirm.status()).as(confirm.body()).isEqualTo(200);
        List<String> codes = confirm.json()
                .get("recoveryCodes")
                .valueStream()
                .map(node -> node.asString())
                .toList();
        return new Enrolled(user, secret, codes);
    }

    private Http.Response login(Fixtures.User user, String code) {
        return code == null
                ? http.post("/auth/login", Map.of("email", user.email(), "password", Fixtures.PASSWORD))
                : http.post("/auth/login", Map.of("email", user.email(), "password", Fixtures.PASSWORD, "code", code));
    }

    private static void assertError(Http.Response response, int status, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("error").asString()).isEqualTo(error);
    }

    @Test
    void enrolmentShowsTheSecretAnOtpauthUrlAndAnSvgQrCodeAndConfirmationTurnsItOnWithTenRecoveryCodes() {
        Fixtures.User user = fixtures.user();
        Http.Response enroll = http.post("/auth/totp/enroll", null, user.auth());
        assertThat(enroll.status()).as(enroll.body()).isEqualTo(200);
        assertThat(enroll.header("Cache-Control")).contains("no-store");
        String secret = enroll.json().get("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}"); // 160 bits
        assertThat(Totp.decode(secret)).hasSize(20);
        String url = enroll.json().get("otpauthUrl").asString();
        assertThat(url)
                .startsWith("otpauth://totp/Vivreal:")
                .contains(user.email().replace("@", "%40"))
                .contains("secret=" + secret)
                .contains("issuer=Vivreal");
        String svg = enroll.json().get("qrSvg").asString();
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
        assertThat(svg).doesNotContain("<script").doesNotContain(user.email()).doesNotContain(secret);

        assertThat(http.get("/auth/totp", user.auth()).json().get("enabled").asBoolean())
                .as("pending until confirmed")
                .isFalse();
        assertThat(login(user, null).status())
                .as("sign-in unchanged while pending")
                .isEqualTo(200);

        Http.Response wrong = http.post("/auth/totp/confirm", Map.of("code", wrongCode(secret)), user.auth());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("field").asString()).isEqualTo("code");

        Http.Response confirm = http.post("/auth/totp/confirm", Map.of("code", Totp.code(secret, step())), user.auth());
        assertThat(confirm.status()).as(confirm.body()).isEqualTo(200);
        assertThat(confirm.header("Cache-Control")).contains("no-store");
        List<String> codes = confirm.json()
                .get("recoveryCodes")
                .valueStream()
                .map(node -> node.asString())
                .toList();
        assertThat(codes).hasSize(10);
        assertThat(new HashSet<>(codes)).hasSize(10);
        assertThat(codes).allSatisfy(code -> assertThat(code.replace("-", "")).matches("[a-z2-7]{12}")); // 60 bits

        Http.Response status = http.get("/auth/totp", user.auth());
        assertThat(status.json().get("enabled").asBoolean()).isTrue();
        assertThat(status.json().get("recoveryCodesLeft").asInt()).isEqualTo(10);
        assertError(
                http.post("/auth/totp/confirm", Map.of("code", Totp.code(secret, step())), user.auth()),
                409,
                "no_pending_enrollment");
    }

    /** A six-digit code of none of the three accepted steps. */
    private String wrongCode(String secret) {
        for (int candidate = 0; ; candidate++) {
            String code = String.format(java.util.Locale.ROOT, "%06d", candidate);
            if (!code.equals(Totp.code(secret, step() - 1))
                    && !code.equals(Totp.code(secret, step()))
                    && !code.equals(Totp.code(secret, step() + 1))) {
                return code;
            }
        }
    }

    @Test
    void signInAsksForTheCodeOnlyOnceThePasswordIsRight() {
        Enrolled enrolled = enrolled();
        Fixtures.User user = enrolled.user();

        Http.Response wrongPassword =
                http.post("/auth/login", Map.of("email", user.email(), "password", "not the password at all"));
        assertError(wrongPassword, 401, "invalid_credentials");
        assertThat(wrongPassword.body()).doesNotContain("code");

        Http.Response noCode = login(user, null);
        assertError(noCode, 401, "code_required");
        assertThat(noCode.body()).doesNotContain("idToken");

        assertError(
                login(user, "123456".equals(Totp.code(enrolled.secret(), step())) ? "654321" : "123456"),
                401,
                "invalid_code");

        Http.Response withCode = login(user, Totp.code(enrolled.secret(), step()));
        assertThat(withCode.status()).as(withCode.body()).isEqualTo(200);
        assertThat(withCode.json().get("idToken").asString()).isNotBlank();
    }

    @Test
    void aCodeIsAcceptedOnceEvenAcrossSignInAndStepUp() {
        Enrolled enrolled = enrolled();
        String code = Totp.code(enrolled.secret(), step());
        assertThat(login(enrolled.user(), code).status()).isEqualTo(200);

        assertError(login(enrolled.user(), code), 401, "invalid_code");
        assertError(
                http.post("/auth/reauth", Map.of("code", code), enrolled.user().auth()), 401, "invalid_code");
    }

    @Test
    void oneStepEitherSideIsAcceptedButTwoStepsAwayAndStepsOlderThanAUsedOneAreNot() {
        Fixtures.User user = fixtures.user();
        String secret = http.post("/auth/totp/enroll", null, user.auth())
                .json()
                .get("secret")
                .asString();
        long current = step();
        // confirmed a minute ago: the step two before the current one is used
        CLOCK.set(now.minusSeconds(60));
        assertThat(http.post("/auth/totp/confirm", Map.of("code", Totp.code(secret, current - 2)), user.auth())
                        .status())
                .isEqualTo(200);
        CLOCK.set(now);

        assertError(login(user, Totp.code(secret, current - 3)), 401, "invalid_code");
        assertError(login(user, Totp.code(secret, current - 2)), 401, "invalid_code");
        assertThat(login(user, Totp.code(secret, current - 1)).status())
                .as("the previous step")
                .isEqualTo(200);
        assertError(login(user, Totp.code(secret, current + 2)), 401, "invalid_code");
        assertThat(login(user, Totp.code(secret, current + 1)).status())
                .as("the next step")
                .isEqualTo(200);
        assertError(login(user, Totp.code(secret, current)), 401, "invalid_code");
    }

    @Test
    void aRecoveryCodeSignsInOnceAndNotTwice() {
        Enrolled enrolled = enrolled();
        String recovery = enrolled.recoveryCodes().get(3);

        Http.Response first = login(enrolled.user(), recovery);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertError(login(enrolled.user(), recovery), 401, "invalid_code");

        // typed without dashes and in capitals it is the same code
        String typed = enrolled.recoveryCodes().get(7).replace("-", "").toUpperCase(java.util.Locale.ROOT);
        assertThat(login(enrolled.user(), typed).status()).isEqualTo(200);
        assertError(login(enrolled.user(), enrolled.recoveryCodes().get(7)), 401, "invalid_code");

        Http.Response status = http.get("/auth/totp", enrolled.user().auth());
        assertThat(status.json().get("recoveryCodesLeft").asInt()).isEqualTo(8);
    }

    @Test
    void codeFailuresCountAgainstTheSignInLimit() {
        Enrolled enrolled = enrolled(); // the sign-in is attempt 1
        String right = Totp.code(enrolled.secret(), step());
        String wrong = wrongCode(enrolled.secret());
        for (int attempt = 2; attempt <= ATTEMPTS_PER_ACCOUNT; attempt++) {
            assertError(login(enrolled.user(), wrong), 401, "invalid_code");
        }
        Http.Response limited = login(enrolled.user(), right);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(http.post(
                                "/auth/reauth",
                                Map.of("code", right),
                                enrolled.user().auth())
                        .status())
                .as("step-up by code counts in the same buckets")
                .isEqualTo(429);
    }

    @Test
    void stepUpAcceptsACodeInsteadOfThePassword() {
        Enrolled enrolled = enrolled();
        Fixtures.User user = enrolled.user();
        String group = fixtures.group(user);
        Fixtures.User without = fixtures.user();
        CLOCK.set(now.plus(Duration.ofMinutes(10)));
        assertError(http.get("/api/groups/" + group + "/api-key", user.auth()), 401, "reauth_required");

        assertError(http.post("/auth/reauth", Map.of("code", "12345x"), user.auth()), 401, "invalid_code");
        Http.Response confirmed =
                http.post("/auth/reauth", Map.of("code", Totp.code(enrolled.secret(), step())), user.auth());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(http.get("/api/groups/" + group + "/api-key", user.auth()).status())
                .isEqualTo(200);

        assertError(http.post("/auth/reauth", Map.of("code", "123456"), without.auth()), 401, "invalid_code");
    }

    @Test
    void replacingOrRemovingAFactorThatIsOnNeedsStepUp() {
        Enrolled enrolled = enrolled();
        Fixtures.User user = enrolled.user();
        CLOCK.set(now.plus(Duration.ofMinutes(10)));
        assertError(http.post("/auth/totp/enroll", null, user.auth()), 401, "reauth_required");
        assertError(http.delete("/auth/totp", user.auth()), 401, "reauth_required");

        assertThat(http.post("/auth/reauth", Map.of("password", Fixtures.PASSWORD), user.auth())
                        .status())
                .isEqualTo(200);
        assertThat(http.delete("/auth/totp", user.auth()).status()).isEqualTo(204);
        assertThat(login(user, null).status()).as("password alone again").isEqualTo(200);
    }

    @Test
    void theSecretIsEncryptedAtRestAndBoundToItsUser() {
        Enrolled enrolled = enrolled();
        Document stored = controlPlane
                .collection("second_factors")
                .find(new Document("_id", enrolled.user().id()))
                .first();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("secret")).startsWith("enc:v1:");
        assertThat(stored.toJson())
                .doesNotContain(enrolled.secret())
                .doesNotContain(enrolled.recoveryCodes().get(0));

        // the ciphertext copied to another user's record does not decrypt there: sign-in fails closed
        Enrolled other = enrolled();
        controlPlane
                .collection("second_factors")
                .updateOne(
                        new Document("_id", other.user().id()),
                        new Document("$set", new Document("secret", stored.getString("secret"))));
        Http.Response refused = login(other.user(), Totp.code(enrolled.secret(), step() + 1));
        assertError(refused, 401, "invalid_code");
        assertThat(refused.body()).doesNotContain("enc:v1");
    }

    @Test
    void hostileInputIsAClear4xx() {
        Fixtures.User user = fixtures.user();
        assertError(http.post("/auth/totp/enroll", null), 401, "unauthenticated");
        assertError(
                http.post("/auth/totp/enroll", null, "Authorization", "Bearer not-a-token"), 401, "unauthenticated");
        assertError(
                http.post("/auth/totp/confirm", Map.of("code", "123456"), user.auth()), 409, "no_pending_enrollment");
        http.post("/auth/totp/enroll", null, user.auth());
        Http.Response injected = http.post("/auth/totp/confirm", Map.of("code", Map.of("$ne", "")), user.auth());
        assertThat(injected.status()).isEqualTo(400);
        Http.Response letters = http.post("/auth/totp/confirm", Map.of("code", "12ab56"), user.auth());
        assertThat(letters.status()).isEqualTo(400);
        assertThat(letters.json().get("field").asString()).isEqualTo("code");

        Enrolled enrolled = enrolled();
        Http.Response longCode = login(enrolled.user(), "9".repeat(10_000));
        assertError(longCode, 401, "invalid_code");
        Http.Response objectCode = http.post(
                "/auth/login",
                Map.of("email", enrolled.user().email(), "password", Fixtures.PASSWORD, "code", Map.of("$gt", "")));
        assertThat(objectCode.status()).isEqualTo(400);
    }

    @Test
    void aGroupThatRequiresASecondFactorIsClosedToMembersWithoutOneAndOtherGroupsAreNot() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        Fixtures.User member = fixtures.verifiedUser();
        fixtures.addMember(owner, group, member, "admin");
        String membersOwnGroup = fixtures.group(member);
        Fixtures.User stranger = fixtures.user();
        String security = "/api/groups/" + group + "/security";

        Http.Response withoutOwnFactor = http.put(security, Map.of("requireTwoFactor", true), owner.auth());
        assertError(withoutOwnFactor, 400, "two_factor_not_enabled");
        assertThat(withoutOwnFactor.json().get("field").asString()).isEqualTo("requireTwoFactor");

        String ownerSecret = http.post("/auth/totp/enroll", null, owner.auth())
                .json()
                .get("secret")
                .asString();
        http.post("/auth/totp/confirm", Map.of("code", Totp.code(ownerSecret, step())), owner.auth());

        assertThat(http.put(security, Map.of("requireTwoFactor", true), member.auth())
                        .status())
                .as("admins are not owners")
                .isEqualTo(403);
        assertThat(http.put(security, Map.of("requireTwoFactor", true), stranger.auth())
                        .status())
                .isEqualTo(404);
        Http.Response missing = http.put(security, Map.of(), owner.auth());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("requireTwoFactor");
        Http.Response on = http.put(security, Map.of("requireTwoFactor", true), owner.auth());
        assertThat(on.status()).as(on.body()).isEqualTo(200);
        assertThat(on.json().get("requireTwoFactor").asBoolean()).isTrue();

        assertError(http.get("/api/groups/" + group, member.auth()), 403, "two_factor_required");
        assertError(http.get("/api/groups/" + group + "/content-types", member.auth()), 403, "two_factor_required");
        assertError(http.get(security, member.auth()), 403, "two_factor_required");
        assertThat(http.get("/api/groups/" + membersOwnGroup, member.auth()).status())
                .as("another group is unaffected")
                .isEqualTo(200);
        assertThat(http.get("/api/groups/" + group, stranger.auth()).status())
                .as("a stranger learns nothing")
                .isEqualTo(404);
        assertThat(http.get("/api/groups/" + group, owner.auth()).status()).isEqualTo(200);
        assertThat(http.get("/api/groups/" + group + "/audit", owner.auth()).body())
                .contains("security.two_factor_required");

        // the portal: the proxy answers the same, and the group's pages send the member to enrolment
        PortalClient portal = new PortalClient("http://localhost:" + port).loggedIn(member.email(), Fixtures.PASSWORD);
        assertThat(portal.switchTo(group).status()).isEqualTo(200);
        PortalClient.Response proxied = portal.get("/app/api/proxy/group");
        assertThat(proxied.status()).isEqualTo(403);
        assertThat(proxied.json().get("error").asString()).isEqualTo("two_factor_required");
        PortalClient.Response page = portal.get("/app/dashboard");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo("/app/two-factor?required=1");
        assertThat(portal.get("/app/two-factor").status()).isEqualTo(200);

        // the member enrols through the portal; the group opens, and the factor cannot be removed
        PortalClient.Response enrol = portal.post("/app/api/two-factor/enroll", null);
        assertThat(enrol.status()).as(enrol.body()).isEqualTo(200);
        String memberSecret = enrol.json().get("secret").asString();
        assertThat(portal.sendWithoutCsrf(
                                "POST", "/app/api/two-factor/confirm", Map.of("code", Totp.code(memberSecret, step())))
                        .status())
                .isEqualTo(403);
        assertThat(portal.post("/app/api/two-factor/confirm", Map.of("code", Totp.code(memberSecret, step())))
                        .status())
                .isEqualTo(200);
        assertThat(portal.get("/app/api/proxy/group").status()).isEqualTo(200);
        assertThat(portal.get("/app/dashboard").status()).isEqualTo(200);
        assertThat(http.get("/api/groups/" + group, member.auth()).status()).isEqualTo(200);
        assertError(http.delete("/auth/totp", member.auth()), 409, "required_by_group");
        assertThat(portal.delete("/app/api/two-factor").status()).isEqualTo(409);
        assertError(login(member, null), 401, "code_required");
    }

    @Test
    void inTheBrowserAnOwnerEnrolsSignsInWithTheCodeAndRequiresItOfEveryMember() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        // 127.0.0.1, not localhost: Chromium may connect over IPv6, another client address
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.open("/app/login");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/dashboard");

            browser.click("#two-factor-link");
            browser.waitForPath("/app/two-factor");
            assertThat(browser.find("#two-factor-status").getText()).contains("off");
            browser.click("#enroll");
            assertThat(browser.find("#qr").getAttribute("src")).startsWith("data:image/svg+xml");
            String secret = browser.find("#totp-secret").getText().strip();
            assertThat(secret).matches("[A-Z2-7]{32}");
            browser.type("#confirm-code", wrongCode(secret));
            browser.click("#confirm-submit");
            browser.waitUntil(
                    d -> !d.findElements(By.cssSelector(".field-error")).isEmpty());
            browser.type("#confirm-code", Totp.code(secret, step()));
            browser.click("#confirm-submit");
            browser.waitUntil(
                    d -> d.findElements(By.cssSelector("#recovery-codes li")).size() == 10);
            browser.screenshot("two-factor-recovery-codes");
            browser.click("#recovery-done");
            browser.waitUntil(d -> d.findElement(By.cssSelector("#two-factor-status"))
                    .getText()
                    .contains("on"));

            browser.click("#logout");
            browser.waitForPath("/app/login");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.type("#code", wrongCode(secret));
            browser.click("#login-submit");
            browser.waitUntil(
                    d -> !d.findElements(By.cssSelector(".field-error")).isEmpty());
            assertThat(browser.path()).startsWith("/app/login");
            browser.type("#code", Totp.code(secret, step() + 1));
            browser.click("#login-submit");
            browser.waitForPath("/app/dashboard");

            browser.open("/app/settings");
            browser.click("#require-two-factor");
            browser.waitUntil(d -> http.get("/api/groups/" + group + "/security", owner.auth())
                    .json()
                    .get("requireTwoFactor")
                    .asBoolean());
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }
    }
}
