package io.vivreal.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Browser;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The Sessions page and the forgot-password flow in a real browser: a person sees this session and
 * another one, signs the other out, then forgets their password, follows the mailed link and signs
 * in with the new one.
 */
class SessionsBrowserTests extends ServerTest {

    @Test
    void signOutAnotherSessionThenResetTheForgottenPassword() {
        Fixtures.User user = fixtures.user();
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open("/app/login");
            browser.type("#email", user.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/groups");

            browser.click("#sessions-link");
            browser.waitForPath("/app/sessions");
            browser.waitUntil(d -> d.findElements(By.cssSelector("#sessions tr[data-session-id]"))
                            .size()
                    == 2);
            assertThat(browser.find("#sessions tr.current").getText()).contains("this session");
            browser.screenshot("sessions");

            browser.click("#revoke-others");
            browser.click("#confirm-yes");
            browser.waitUntil(d -> d.findElements(By.cssSelector("#sessions tr[data-session-id]"))
                            .size()
                    == 1);
            assertThat(http.get("/api/groups", user.auth()).status())
                    .as("the other session was signed out")
                    .isEqualTo(401);

            browser.driver.manage().deleteAllCookies();
            browser.open("/app/login");
            browser.click("#forgot-password");
            browser.waitForPath("/app/forgot-password");
            browser.type("#email", user.email());
            browser.click("#forgot-submit");
            assertThat(browser.find("#forgot-sent").getText()).contains("30 minutes");

            String link = fixtures.outbox()
                    .await(user.email(), m -> m.subject().contains("Reset"))
                    .link(http.baseUrl() + "/app/reset-password#token=");
            browser.driver.get(link);
            browser.type("#password", "my new browser passphrase");
            browser.click("#reset-submit");
            browser.find("#reset-done");
            assertThat(browser.path()).doesNotContain("token=");

            Http.Response login =
                    http.post("/auth/login", Map.of("email", user.email(), "password", "my new browser passphrase"));
            assertThat(login.status()).isEqualTo(200);
            assertThat(browser.severeConsoleMessages()).isEmpty();
        }
    }
}
