package io.vivreal.app.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Browser;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import io.vivreal.app.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/** The portal's Subscribers page in a real browser: statuses, the filter and the CSV export. */
class SubscribersPortalTests extends ServerTest {

    @Test
    void anOwnerSeesSubscribersByStatusAndExportsThemAsCsv() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        Http.Response type = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of(
                        "name",
                        "Signups",
                        "acceptsSubmissions",
                        true,
                        "fields",
                        List.of(Map.of("name", "email", "type", "text", "required", true))),
                owner.auth());
        String signups = type.json().get("_id").asString();
        String confirmed = "portal-reader-" + System.nanoTime() + "@fans.example.com";
        String formula = "=1+2-" + System.nanoTime() + "@evil.example.com";
        for (String email : List.of(confirmed, formula)) {
            Http.Response signUp = http.post(
                    "/tenant/definedCollectionObject",
                    Map.of("collectionId", signups, "type", "subscribeUser", "objectValue", Map.of("email", email)),
                    "Authorization",
                    key);
            assertThat(signUp.status()).as(signUp.body()).isEqualTo(201);
        }
        Outbox.Mail mail = fixtures.outbox().await(confirmed, m -> m.subject().startsWith("Confirm your subscription"));
        String link = mail.link(http.baseUrl() + "/newsletter/confirm?token=");
        assertThat(http.post(
                                link.substring(http.baseUrl().length()),
                                "",
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(200);

        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open("/app/login?next=%2Fapp%2Fsubscribers");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/subscribers");
            browser.waitUntil(
                    d -> d.findElements(By.cssSelector("#subscribers tbody tr")).size() == 2);
            assertThat(browser.find("#subscribers tr[data-status='confirmed']").getText())
                    .contains(confirmed);
            assertThat(browser.find("#subscribers tr[data-status='pending']").getText())
                    .contains(formula);
            browser.screenshot("subscribers");

            new Select(browser.find("#status-filter")).selectByValue("confirmed");
            browser.waitUntil(
                    d -> d.findElements(By.cssSelector("#subscribers tbody tr")).size() == 1);
            assertThat(browser.find("#export-csv").getAttribute("href"))
                    .endsWith("/app/api/proxy/subscribers.csv?status=confirmed");

            new Select(browser.find("#status-filter")).selectByValue("");
            browser.waitUntil(
                    d -> d.findElements(By.cssSelector("#subscribers tbody tr")).size() == 2);
            Object csv = ((JavascriptExecutor) browser.driver)
                    .executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "fetch(document.getElementById('export-csv').href).then(r => r.text()).then(done);");
            assertThat(csv.toString())
                    .startsWith("subscriberId,email,status")
                    .contains("," + confirmed + ",confirmed,")
                    .contains(",'" + formula + ",pending,");
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }
    }
}
