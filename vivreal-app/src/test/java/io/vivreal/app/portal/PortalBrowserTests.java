package io.vivreal.app.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vivreal.app.support.Browser;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.RecordingServer;
import io.vivreal.app.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal in a real browser (headless Chromium): what a new team does on day one, end to end
 * against the real server, and what an editor can never see. Screenshots of the main pages land
 * in {@code target/screenshots/}.
 */
class PortalBrowserTests extends ServerTest {

    @Test
    void signUpCreateAGroupPublishAndRotateTheKey() {
        String email = "browser-" + System.nanoTime() + "@example.com";
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open("/app/signup");
            browser.type("#name", "Dana Baker");
            browser.type("#email", email);
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#signup-submit");
            browser.waitForPath("/app/groups");
            browser.find("#create-group");
            browser.screenshot("groups");

            browser.type("#group-name", "Corner Bakery");
            browser.click("#create-group-submit");
            browser.waitForPath("/app/dashboard");
            browser.find("#usage");
            browser.screenshot("dashboard");

            // Settings → API key: reveal.
            browser.open("/app/settings");
            browser.click("#reveal-key");
            String key = browser.find("#api-key-value").getText().strip();
            assertThat(key).startsWith("vr_").hasSize(52);
            browser.screenshot("settings-api-key");

            // Settings → Contact addresses: the only recipients of the sites' contact forms.
            browser.type("#contact-addresses", "desk@corner-bakery.example\nnot an address");
            browser.click("#save-contact-addresses");
            assertThat(browser.find("#notices .notice.error").getText()).contains("addresses[1]");
            browser.type("#contact-addresses", "desk@corner-bakery.example");
            browser.click("#save-contact-addresses");
            assertThat(browser.find("#notices .notice.ok").getText()).contains("Contact addresses saved");
            browser.open("/app/settings");
            browser.waitUntil(d -> "desk@corner-bakery.example"
                    .equals(d.findElement(By.cssSelector("#contact-addresses")).getAttribute("value")));

            // A content type with one text field.
            browser.open("/app/types");
            browser.click("#new-type");
            browser.type("#type-name", "Posts");
            browser.click("#add-field");
            browser.type(".field-row input.field-name", "title");
            new Select(browser.find(".field-row select.field-type")).selectByValue("text");
            browser.click(".field-row input.field-required");
            browser.click("#save-type");
            String typeId = browser.find("#types-table tr[data-type-id]").getAttribute("data-type-id");
            assertThat(typeId).matches("[0-9a-f]{24}");
            browser.screenshot("types");

            // An item, published now.
            browser.open("/app/content?type=" + typeId);
            browser.click("#new-item");
            // The server's validation message appears next to the field at fault.
            browser.click("#publish-now");
            assertThat(browser.find("#item-form .field-error").getText()).isNotBlank();
            assertThat(browser.find("#field-title").getAttribute("aria-invalid"))
                    .isEqualTo("true");
            browser.type("#field-title", "Fresh sourdough on Fridays");
            browser.click("#publish-now");
            browser.find("#items tr[data-item-id][data-status=published]");
            browser.screenshot("content");

            // Edit (version 2), then revert to version 1 from the history.
            browser.type("#field-title", "Fresh sourdough on Saturdays");
            browser.click("#save-changes");
            browser.find("#versions-list tr[data-version='2']");
            browser.click("#versions-list .revert-version[data-version='1']");
            browser.click("#confirm-yes");
            browser.find("#versions-list tr[data-version='3']");
            browser.waitUntil(d -> "Fresh sourdough on Fridays"
                    .equals(d.findElement(By.cssSelector("#field-title")).getAttribute("value")));
            browser.screenshot("content-versions");

            // The website's view: the Client API with the key.
            await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                Http.Response page = http.get("/tenant/collectionObjects?collectionId=" + typeId, "Authorization", key);
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body()).contains("Fresh sourdough on Fridays");
            });

            // Regenerate, behind a confirmation that says live sites will stop working.
            browser.open("/app/settings");
            browser.click("#regenerate-key");
            assertThat(browser.find("dialog.confirm").getText()).contains("stop working");
            browser.click("#confirm-yes");
            browser.waitUntil(d -> {
                var shown = d.findElements(By.cssSelector("#api-key-value"));
                return !shown.isEmpty() && !shown.get(0).getText().strip().equals(key);
            });
            String newKey = browser.find("#api-key-value").getText().strip();
            assertThat(newKey).startsWith("vr_").isNotEqualTo(key);
            await().atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(
                                    http.get("/tenant/collectionObjects?collectionId=" + typeId, "Authorization", key)
                                            .status())
                            .isEqualTo(403));
            assertThat(http.get("/tenant/collectionObjects?collectionId=" + typeId, "Authorization", newKey)
                            .status())
                    .isEqualTo(200);

            for (String page : List.of("team", "media", "sites", "audit", "pricing")) {
                browser.open("/app/" + page);
                browser.find("main");
                browser.screenshot(page);
            }
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();

            // the dashboard's chart counts today's Client API calls made above (at least two answered)
            browser.open("/app/dashboard");
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            String calls = browser.find("#api-usage .usage-bar[data-date='" + today + "']")
                    .getAttribute("data-calls");
            assertThat(Integer.parseInt(calls)).isGreaterThanOrEqualTo(2);
            assertThat(browser.find("#api-usage-totals").getText()).contains("calls");
            browser.screenshot("dashboard-usage");
            browser.click("#logout");
            browser.waitForPath("/app/login");
            browser.open("/app/dashboard");
            browser.waitForPath("/app/login?next=");
        }
    }

    @Test
    void anInvitedPersonConfirmsTheAddressAcceptsInThePortalAndSeesTheGroup() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String groupName = http.get("/api/groups/" + group, owner.auth())
                .json()
                .get("groupName")
                .asString();
        Fixtures.User invitee = fixtures.user();

        try (Browser browser = new Browser(http.baseUrl())) {
            // The owner invites from the team page and sees the invitation pending.
            signIn(browser, owner, "/app/team");
            browser.type("#member-email", invitee.email());
            new Select(browser.find("#member-role")).selectByValue("editor");
            browser.click("#add-member");
            assertThat(browser.find("#invitations tr[data-invitation-id] td").getText())
                    .isEqualTo(invitee.email());
            browser.find("#notices .notice");
            browser.screenshot("team-invitations");
            browser.click("#logout");
            browser.waitForPath("/app/login");

            // The invitee, not yet confirmed, sees the banner and no invitation.
            signIn(browser, invitee, "/app/groups");
            browser.find("#verify-banner");
            assertThat(browser.driver.findElements(By.cssSelector(".invitation-card")))
                    .isEmpty();
            browser.click("#resend-verification");
            browser.waitUntil(d -> browser.find("#resend-status").getText().contains("Sent"));
            browser.screenshot("verify-banner");

            // The link from the mail, opened in the browser, confirms the address.
            String link = fixtures.outbox()
                    .await(invitee.email(), mail -> mail.subject().equals("Confirm your e-mail address"))
                    .link(http.baseUrl() + "/auth/verify-email?token=");
            browser.open(link.substring(http.baseUrl().length()));
            browser.waitForPath("/app/groups?verified=1");
            browser.find(".invitation-card[data-invitation-id] h3");
            assertThat(browser.driver.findElements(By.cssSelector("#verify-banner")))
                    .isEmpty();
            assertThat(browser.find(".invitation-card h3").getText()).isEqualTo(groupName);
            browser.screenshot("groups-invitation");

            browser.click(".invitation-card .accept-invitation");
            browser.waitForPath("/app/dashboard");
            assertThat(new Select(browser.find("#group-switcher"))
                            .getFirstSelectedOption()
                            .getText())
                    .isEqualTo(groupName + " (editor)");
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }
        assertThat(http.get("/api/groups/" + group + "/members", owner.auth()).body())
                .contains(invitee.email(), "\"role\":\"editor\"");
    }

    private static void signIn(Browser browser, Fixtures.User user, String next) {
        browser.open("/app/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
        browser.type("#email", user.email());
        browser.type("#password", Fixtures.PASSWORD);
        browser.click("#login-submit");
        browser.waitForPath(next);
    }

    @Test
    void anEditorNeverSeesTheKey() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        Fixtures.User editor = fixtures.user();
        fixtures.addMember(owner, group, editor, "editor");
        http.post(
                "/api/groups/" + group + "/content-types",
                Map.of("name", "Notes", "fields", List.of(Map.of("name", "body", "type", "text"))),
                owner.auth());

        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open("/app/login?next=%2Fapp%2Fsettings");
            browser.type("#email", editor.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/settings");
            browser.find("#api-key-restricted");
            browser.find("#contact-restricted");
            assertThat(browser.driver.findElements(By.cssSelector("#contact-addresses")))
                    .isEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("#reveal-key, #regenerate-key")))
                    .isEmpty();
            browser.screenshot("settings-as-editor");
            for (String page :
                    List.of("settings", "dashboard", "team", "types", "content", "media", "sites", "audit")) {
                browser.open("/app/" + page);
                browser.find("#top .brand");
                browser.waitUntil(d -> "complete"
                        .equals(((org.openqa.selenium.JavascriptExecutor) d)
                                .executeScript("return document.readyState")));
                sleep(400);
                String source = browser.driver.getPageSource();
                assertThat(source).as(page).doesNotContain(key).doesNotContain(key.substring(0, 12));
            }
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }
    }

    @Test
    void savingASiteInThePortalKeepsTheFreeFormPartsTemplatesSet() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        Map<String, Object> site = new java.util.LinkedHashMap<>();
        site.put("name", "Corner Shop");
        site.put("hero", Map.of("headline", "Fresh daily"));
        site.put("blocks", List.of(Map.of("type", "gallery", "config", Map.of("columns", 3))));
        site.put("navigation", Map.of("links", List.of(Map.of("label", "Shop", "href", "/shop"))));
        Http.Response created = http.post("/api/groups/" + group + "/sites", site, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String siteId = created.json().get("_id").asString();

        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open("/app/login?next=%2Fapp%2Fsites");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/sites");
            browser.click(".edit-site[data-site-id='" + siteId + "']");
            browser.type("#site-name", "Corner Shop Two");
            browser.click("#save-site");
            browser.waitUntil(d -> "Corner Shop Two"
                    .equals(http.get("/api/groups/" + group + "/sites/" + siteId, owner.auth())
                            .json()
                            .get("name")
                            .asString()));
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }

        var saved = http.get("/api/groups/" + group + "/sites/" + siteId, owner.auth())
                .json();
        assertThat(saved.has("hero") && saved.has("blocks"))
                .as(saved.toString())
                .isTrue();
        assertThat(saved.get("hero").get("headline").asString()).isEqualTo("Fresh daily");
        assertThat(saved.get("blocks").get(0).get("config").get("columns").asInt())
                .isEqualTo(3);
        assertThat(saved.get("navigation").get("links").get(0).get("href").asString())
                .isEqualTo("/shop");
    }

    @Test
    void aContentTypeWithObjectFieldsKeepsThemWhenEditedInThePortal() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        List<Object> fields = List.of(
                Map.of("name", "title", "type", "text"),
                Map.of(
                        "name",
                        "details",
                        "type",
                        "object",
                        "fields",
                        List.of(Map.of("name", "material", "type", "text"))),
                Map.of(
                        "name",
                        "socialLinks",
                        "type",
                        "list",
                        "items",
                        Map.of(
                                "type",
                                "object",
                                "fields",
                                List.of(
                                        Map.of("name", "platform", "type", "text"),
                                        Map.of("name", "url", "type", "text")))));
        Http.Response created = http.post(
                "/api/groups/" + group + "/content-types", Map.of("name", "Products", "fields", fields), owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String typeId = created.json().get("_id").asString();
        String before = created.json().get("fields").toString();

        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open("/app/login?next=%2Fapp%2Ftypes");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/types");
            browser.click(".edit-type");
            browser.type("#type-name", "Shop products");
            browser.click("#save-type");
            browser.waitUntil(d -> "Shop products"
                    .equals(http.get("/api/groups/" + group + "/content-types/" + typeId, owner.auth())
                            .json()
                            .get("name")
                            .asString()));
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }

        assertThat(http.get("/api/groups/" + group + "/content-types/" + typeId, owner.auth())
                        .json()
                        .get("fields")
                        .toString())
                .isEqualTo(before);
    }

    @Test
    void anOwnerAddsAWebhookChannelAndSendsATest() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        try (RecordingServer remote = new RecordingServer();
                Browser browser = new Browser(http.baseUrl())) {
            browser.open("/app/login?next=%2Fapp%2Fchannels");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/channels");
            browser.find("#channels-empty");
            browser.click("#new-channel");
            browser.type("#channel-name", "Site rebuild");
            browser.type("#setting-url", remote.url("/rebuild"));
            browser.type("#setting-signingSecret", "whsec_dGhpcyBpcyBhIHRlc3Qgc2lnbmluZyBrZXkhIQ==");
            // published and updated are ticked by default; this channel wants publications only
            browser.click("#channel-events input[value='content.updated']");
            browser.click("#save-channel");
            browser.find("#channels tr[data-channel-id]");
            assertThat(http.get("/api/groups/" + group + "/channels", owner.auth())
                            .json()
                            .get(0)
                            .get("events")
                            .toString())
                    .isEqualTo("[\"content.published\"]");
            String page = browser.driver.getPageSource();
            assertThat(page).contains("****IQ==").doesNotContain("dGhpcyBpcyBhIHRlc3Qgc2lnbmluZyBrZXkhIQ");
            browser.click("#channels .test-channel");
            browser.waitUntil(d -> d.findElements(By.cssSelector(".notice")).stream()
                    .anyMatch(n -> n.getText().contains("Delivered")));
            assertThat(remote.last().path()).isEqualTo("/rebuild");
            assertThat(remote.last().header("webhook-signature")).startsWith("v1,");
            browser.screenshot("channels");

            // A private address is refused next to the field.
            browser.click("#channels .edit-channel");
            browser.type("#setting-url", "http://169.254.169.254/latest/meta-data/");
            browser.click("#save-channel");
            assertThat(browser.find("#channel-form .field-error").getText()).contains("private");
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }
    }

    @Test
    void anOwnerReadsTheDeliveryLogSeesADisabledChannelEnablesItAndResends() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        ContentFixtures content = new ContentFixtures(http);
        String type = content.contentType(owner, group, "Shows");
        try (RecordingServer remote = new RecordingServer();
                Browser browser = new Browser(http.baseUrl())) {
            remote.status.set(410);
            Http.Response channel = http.post(
                    "/api/groups/" + group + "/channels",
                    Map.of(
                            "type", "webhook",
                            "name", "Site rebuild",
                            "settings",
                                    Map.of(
                                            "url",
                                            remote.url("/rebuild"),
                                            "signingSecret",
                                            "whsec_dGhpcyBpcyBhIHRlc3Qgc2lnbmluZyBrZXkhIQ==")),
                    owner.auth());
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            content.item(owner, group, type, "Hamlet", Instant.now().minusSeconds(1), false, 5);
            awaitRequests(remote, 1);

            browser.open("/app/login?next=%2Fapp%2Fchannels");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/channels");
            browser.waitUntil(d -> d.findElement(By.cssSelector("#channels .channel-health"))
                    .getText()
                    .contains("disabled"));
            browser.click("#channels .show-deliveries");
            assertThat(browser.find("#channel-disabled-banner").getText()).contains("disabled");
            assertThat(browser.find("#deliveries-table tr.delivery").getAttribute("data-status"))
                    .isNotEqualTo("succeeded");
            assertThat(browser.find("#deliveries-table .attempt").getText()).contains("HTTP 410");
            browser.screenshot("delivery-log-disabled");
            String webhookId = remote.last().header("webhook-id");

            remote.status.set(204);
            browser.click("#enable-channel");
            browser.waitUntil(
                    d -> d.findElements(By.id("channel-disabled-banner")).isEmpty());
            int before = remote.requests.size();
            browser.click("#deliveries-table .resend-delivery");
            awaitRequests(remote, before + 1);
            assertThat(remote.last().header("webhook-id")).isEqualTo(webhookId);
            browser.waitUntil(d -> {
                d.findElement(By.id("close-log")).click();
                d.findElement(By.cssSelector("#channels .show-deliveries")).click();
                return d.findElements(By.cssSelector("#deliveries-table tr.delivery[data-status=succeeded]"))
                                .size()
                        == 1;
            });
            browser.screenshot("delivery-log-resent");
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }
    }

    private static void awaitRequests(RecordingServer remote, int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (remote.requests.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver got " + remote.requests.size() + " of " + count + " requests");
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
