package io.vivreal.app.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vivreal.app.fakes.FakeBluesky;
import io.vivreal.app.support.Browser;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The composer in a real browser: compose about an item with live counters, schedule, Bluesky (a
 * local PDS checking the AT Protocol's requests) receives exactly the previewed text, the calendar
 * shows the post published with its permalink, and the Client API lists it for sites.
 */
class PostsBrowserTests extends ServerTest {

    static final String HANDLE = "corner-bakery.bsky.social";
    static final String APP_PASSWORD = "abcd-efgh-ijkl-mnop";

    @Test
    void composeScheduleAndSeeThePostPublishedWithItsPermalink() {
        String permalink = null;
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);
        ContentFixtures content = new ContentFixtures(http);
        String type = content.contentType(owner, group, "Specials");
        String item =
                content.item(owner, group, type, "Plum galette", Instant.now().minusSeconds(5), false, 5);
        try (FakeBluesky network = new FakeBluesky(HANDLE, APP_PASSWORD)) {
            Http.Response channel = http.post(
                    "/api/groups/" + group + "/channels",
                    Map.of(
                            "type",
                            "bluesky",
                            "name",
                            "Bakery social",
                            "settings",
                            Map.of("service", network.url(), "handle", HANDLE, "appPassword", APP_PASSWORD),
                            "events",
                            List.of("submission.received")),
                    owner.auth());
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            String channelId = channel.json().get("_id").asString();

            try (Browser browser = new Browser(http.baseUrl())) {
                browser.open("/app/login?next=%2Fapp%2Fposts");
                browser.type("#email", owner.email());
                browser.type("#password", Fixtures.PASSWORD);
                browser.click("#login-submit");
                browser.waitForPath("/app/posts");

                browser.waitUntil(d -> !d.findElements(
                                org.openqa.selenium.By.cssSelector("#post-type option[value='" + type + "']"))
                        .isEmpty());
                new Select(browser.find("#post-type")).selectByValue(type);
                browser.waitUntil(d -> !d.findElements(
                                org.openqa.selenium.By.cssSelector("#post-item option[value='" + item + "']"))
                        .isEmpty());
                new Select(browser.find("#post-item")).selectByValue(item);
                browser.click(".post-channel[data-channel-id='" + channelId + "'] .channel-pick");
                browser.type(
                        ".post-channel[data-channel-id='" + channelId + "'] .channel-text",
                        "Today only: {title} {url}");
                String expected = "Today only: Plum galette http://localhost:" + port + "/specials/" + item;
                browser.waitUntil(
                        d -> d.findElements(org.openqa.selenium.By.cssSelector(".preview .preview-text")).stream()
                                .anyMatch(e -> e.getText().equals(expected)));
                assertThat(browser.find(".preview .counter").getText())
                        .as("Bluesky counts graphemes against 300")
                        .isEqualTo(expected.codePointCount(0, expected.length()) + " / 300");
                browser.screenshot("posts-composer");

                String local = LocalDateTime.ofInstant(
                                Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault())
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
                browser.driver.executeScript(
                        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'));",
                        browser.find("#post-at"),
                        local);
                browser.click("#schedule-post");
                browser.find("#posts-table tr[data-status=scheduled]");
                assertThat(network.posts()).as("not before its time").isEmpty();

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> !network.posts().isEmpty());
                assertThat(network.posts().get(0).text()).isEqualTo(expected);
                assertThat(network.problems()).isEmpty();
                permalink = "https://bsky.app/profile/" + HANDLE + "/post/"
                        + network.posts().get(0).rkey();
                browser.waitUntil(d -> !d.findElements(org.openqa.selenium.By.cssSelector(
                                "#posts-table tr[data-status=published] a.permalink"))
                        .isEmpty());
                assertThat(browser.find("#posts-table tr[data-status=published] a.permalink")
                                .getAttribute("href"))
                        .isEqualTo(permalink);
                browser.screenshot("posts-calendar");
                assertThat(browser.severeConsoleMessages()).isEmpty();
            }

            JsonNode listed = http.get("/tenant/integrationObjects?type=bluesky", "Authorization", key)
                    .json()
                    .get("data");
            assertThat(listed.get("totalCount").asInt()).isEqualTo(1);
            JsonNode object = listed.get("items").get(0);
            assertThat(object.get("status").asString()).isEqualTo("published");
            assertThat(object.get("permalink").asString()).isEqualTo(permalink);
            assertThat(object.get("externalPostId").asString())
                    .contains(network.posts().get(0).rkey());
            assertThat(object.get("accountHandle").asString()).isEqualTo(HANDLE);
            assertThat(object.get("sourceRef").get("objectID").asString()).isEqualTo(item);
        }
    }
}
