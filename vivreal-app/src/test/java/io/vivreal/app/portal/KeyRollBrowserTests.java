package io.vivreal.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Browser;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.apikey.ApiKeyUsageTracker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15's "must show" for the key roll, in a real browser: the owner rolls the key on the
 * Settings page, the old key keeps working, a Client API call with the new key shows up on the
 * page, and once the owner revokes the old key it answers 403 within a second. The remembered key
 * uses are written by the usage tracker's periodic flush; the test runs that flush itself instead
 * of waiting for it.
 */
class KeyRollBrowserTests extends ServerTest {

    private static final String CLIENT_ROUTE = "/tenant/collectionObjects?collectionId=0123456789abcdef01234567";

    @Autowired
    ApiKeyUsageTracker usage;

    private int clientCall(String key) {
        return http.get(CLIENT_ROUTE, "Authorization", key).status();
    }

    @Test
    void theOwnerRollsTheKeyWatchesTheNewKeyInUseAndRevokesTheOldOne() {
        Fixtures.User owner = fixtures.user();
        fixtures.group(owner);
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open("/app/login");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/dashboard");

            browser.open("/app/settings");
            browser.click("#reveal-key");
            String oldKey = browser.find("#api-key-value").getText().strip();
            assertThat(oldKey).startsWith("vr_");
            assertThat(clientCall(oldKey)).isEqualTo(200);

            new Select(browser.find("#roll-overlap")).selectByValue("PT1H");
            browser.click("#roll-key");
            browser.click("#confirm-yes");
            browser.waitUntil(
                    d -> !browser.find("#api-key-value").getText().strip().equals(oldKey));
            String newKey = browser.find("#api-key-value").getText().strip();
            assertThat(newKey).startsWith("vr_").isNotEqualTo(oldKey);
            assertThat(browser.find("#previous-key").getText()).contains(oldKey.substring(0, 7));
            assertThat(browser.find("#current-key-use").getText()).contains("never");

            // during the overlap both keys work; a site still on the old key shows up as such
            assertThat(clientCall(oldKey))
                    .as("the old key keeps working during the overlap")
                    .isEqualTo(200);
            assertThat(clientCall(newKey)).isEqualTo(200);
            usage.flush();
            browser.click("#refresh-key");
            browser.waitUntil(d -> !browser.find("#current-key-use").getText().contains("never"));
            assertThat(browser.find("#previous-key-hint").getText()).contains("still using the old key");
            browser.screenshot("settings-key-roll");

            browser.click("#revoke-previous");
            Instant confirmed = Instant.now();
            browser.click("#confirm-yes");
            while (true) {
                Duration startedAfter = Duration.between(confirmed, Instant.now());
                int status = clientCall(oldKey);
                if (status == 403) {
                    break;
                }
                assertThat(status).isEqualTo(200);
                assertThat(startedAfter)
                        .as("the revoked old key still accepted")
                        .isLessThan(Duration.ofSeconds(1));
            }
            browser.waitUntil(d -> browser.driver
                    .findElements(org.openqa.selenium.By.cssSelector("#previous-key"))
                    .isEmpty());
            assertThat(clientCall(newKey)).isEqualTo(200);
            assertThat(browser.severeConsoleMessages()).isEmpty();
        }
    }
}
