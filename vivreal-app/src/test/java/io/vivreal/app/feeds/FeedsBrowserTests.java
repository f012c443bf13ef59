package io.vivreal.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import io.vivreal.app.support.Browser;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** An owner switches a type's feed on in the portal and the URL it shows serves the feed. */
class FeedsBrowserTests extends ServerTest {

    @Test
    void anOwnerEnablesAFeedOnTheTypePageAndItsUrlServesThePublishedItems() throws Exception {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String type = http.post(
                        "/api/groups/" + group + "/content-types",
                        Map.of(
                                "name",
                                "Journal",
                                "fields",
                                List.of(
                                        Map.of("name", "headline", "type", "text"),
                                        Map.of("name", "body", "type", "longText"),
                                        Map.of("name", "rating", "type", "integer"))),
                        owner.auth())
                .json()
                .get("_id")
                .asString();
        Http.Response item = http.post(
                "/api/groups/" + group + "/content-types/" + type + "/items",
                Map.of(
                        "objectValue",
                        Map.of("headline", "Hello feed readers", "body", "First post"),
                        "publishDate",
                        Instant.now().minusSeconds(60).toString()),
                owner.auth());
        assertThat(item.status()).as(item.body()).isEqualTo(201);

        try (Browser browser = new Browser(http.baseUrl())) {
            String next = "/app/types?id=" + type;
            browser.open("/app/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/types");
            browser.find("#feed-form");
            assertThat(new Select(browser.find("#feed-title-field")).getOptions())
                    .extracting(o -> o.getAttribute("value"))
                    .as("only text-like fields are offered")
                    .containsExactly("headline", "body");
            new Select(browser.find("#feed-content-field")).selectByValue("body");
            browser.click("#feed-enabled");
            browser.click("#save-feed");
            String rss =
                    browser.find("#feed-urls li[data-format='rss'] .feed-url").getAttribute("value");
            assertThat(browser.driver.findElements(By.cssSelector("#feed-urls li[data-format='ics']")))
                    .isEmpty();
            browser.screenshot("type-feed-settings");

            URI url = URI.create(rss);
            Http.Response feed = http.get(url.getRawPath());
            assertThat(feed.status()).isEqualTo(200);
            assertThat(new SyndFeedInput().build(new StringReader(feed.body())).getEntries())
                    .extracting(SyndEntry::getTitle)
                    .containsExactly("Hello feed readers");
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }
    }
}
