package io.vivreal.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.support.FakeHub;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.RecordingServer;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.store.ControlPlane;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Feeds of a content type against the real server: settings checked against the schema and
 * refused to other groups, only published items (parsed back with Rome, Jackson and ical4j),
 * signed enclosures, ETag/304, one 404 for every missing feed, hostile text escaped, and the WebSub
 * hub pinged after a publication.
 */
class FeedsTests extends ServerTest {

    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");

    @Autowired
    GroupRepository groups;

    @Autowired
    ControlPlane controlPlane;

    Fixtures.User owner;
    String group;
    String type;

    @BeforeEach
    void groupWithAnEventsType() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        Http.Response created = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of(
                        "name",
                        "Events",
                        "fields",
                        List.of(
                                Map.of("name", "title", "type", "text", "required", true),
                                Map.of("name", "summary", "type", "longText"),
                                Map.of("name", "body", "type", "longText"),
                                Map.of("name", "startsAt", "type", "dateTime"),
                                Map.of("name", "day", "type", "date"),
                                Map.of("name", "cover", "type", "image"),
                                Map.of("name", "seats", "type", "integer"))),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        type = created.json().get("_id").asString();
    }

    // ---- settings ----

    @Test
    void ownerEnablesAFeedAndGetsItsUrlsWithAnUnguessableStableId() {
        JsonNode feed = enable(Map.of("dateField", "startsAt"));
        String feedId = feed.get("feedId").asString();
        assertThat(feedId).matches("[A-Za-z0-9_-]{32}");
        assertThat(feed.get("urls").get("rss").asString()).endsWith("/feeds/" + feedId + ".rss");
        assertThat(feed.get("urls").get("atom").asString()).endsWith("/feeds/" + feedId + ".atom");
        assertThat(feed.get("urls").get("json").asString()).endsWith("/feeds/" + feedId + ".json");
        assertThat(feed.get("urls").get("ics").asString()).endsWith("/feeds/" + feedId + ".ics");
        assertThat(http.get(feedPath(), owner.auth()).json().get("feedId").asString())
                .isEqualTo(feedId);

        JsonNode edited = enable(Map.of("summaryField", "body"));
        assertThat(edited.get("feedId").asString()).isEqualTo(feedId);
        assertThat(edited.get("urls").has("ics"))
                .as("no date field, no calendar")
                .isFalse();
        Http.Response disabled = http.put(feedPath(), Map.of("enabled", false), owner.auth());
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(enable(Map.of()).get("feedId").asString())
                .as("re-enabled keeps its id")
                .isEqualTo(feedId);

        String otherType = http.post(
                        "/api/groups/" + group + "/content-types",
                        Map.of("name", "Notes", "fields", List.of(Map.of("name", "title", "type", "text"))),
                        owner.auth())
                .json()
                .get("_id")
                .asString();
        Http.Response other = http.put(
                "/api/groups/" + group + "/content-types/" + otherType + "/feed",
                Map.of("enabled", true, "titleField", "title", "summaryField", "title", "contentField", "title"),
                owner.auth());
        assertThat(other.json().get("feedId").asString()).isNotEqualTo(feedId);
    }

    @Test
    void aTypeWithoutAFeedAnswers404() {
        assertThat(http.get(feedPath(), owner.auth()).status()).isEqualTo(404);
    }

    @Test
    void onlyOwnersAndAdminsConfigureFeedsAndAnotherGroupsTypeIs404() {
        Fixtures.User editor = fixtures.user();
        fixtures.addMember(owner, group, editor, "editor");
        Fixtures.User admin = fixtures.user();
        fixtures.addMember(owner, group, admin, "admin");
        assertThat(http.put(feedPath(), settings(Map.of()), editor.auth()).status())
                .isEqualTo(403);
        assertThat(http.get(feedPath(), editor.auth()).status()).isEqualTo(403);
        assertThat(http.put(feedPath(), settings(Map.of()), admin.auth()).status())
                .isEqualTo(200);

        Fixtures.User stranger = fixtures.user();
        String strangersGroup = fixtures.group(stranger);
        // their own group, our type id
        assertThat(http.put(
                                "/api/groups/" + strangersGroup + "/content-types/" + type + "/feed",
                                settings(Map.of()),
                                stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/groups/" + strangersGroup + "/content-types/" + type + "/feed", stranger.auth())
                        .status())
                .isEqualTo(404);
        // our group
        assertThat(http.put(feedPath(), settings(Map.of()), stranger.auth()).status())
                .isEqualTo(404);
    }

    @Test
    void settingsBodiesWithUnknownKeysWrongTypesOrUnfitFieldsAre400NamingTheField() {
        assertRefused(settings(Map.of("colour", "red")), "colour");
        assertRefused(Map.of("enabled", "yes", "titleField", "title"), "enabled");
        assertRefused(settings(Map.of("titleField", 42)), "titleField");
        assertRefused(settings(Map.of("titleField", "nope")), "titleField");
        assertRefused(settings(Map.of("titleField", "seats")), "titleField");
        assertRefused(settings(Map.of("contentField", "cover")), "contentField");
        assertRefused(settings(Map.of("dateField", "title")), "dateField");
        assertRefused(settings(Map.of("dateField", List.of("startsAt"))), "dateField");
        assertRefused(Map.of("enabled", true, "summaryField", "summary", "contentField", "body"), "titleField");
        assertThat(http.put(feedPath(), "{\"enabled\": tru", owner.auth()).status())
                .isEqualTo(400);
        assertThat(http.get(feedPath(), owner.auth()).status())
                .as("nothing was stored")
                .isEqualTo(404);
    }

    // ---- public feeds ----

    @Test
    void feedsListOnlyPublishedItemsNewestFirstInEveryFormat() throws Exception {
        JsonNode feed = enable(Map.of());
        Instant now = Instant.now();
        item("Older", now.minus(2, ChronoUnit.HOURS), false, Map.of());
        item("Newer", now.minus(1, ChronoUnit.HOURS), false, Map.of());
        item("Draft", null, false, Map.of());
        item("Future", now.plus(1, ChronoUnit.DAYS), false, Map.of());
        item("Archived", now.minus(3, ChronoUnit.HOURS), true, Map.of());

        SyndFeed rss = rome(get(feed, "rss").body());
        assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
        assertThat(rss.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Newer", "Older");
        SyndFeed atom = rome(get(feed, "atom").body());
        assertThat(atom.getFeedType()).isEqualTo("atom_1.0");
        assertThat(atom.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Newer", "Older");
        assertThat(atom.getEntries().get(0).getContents().get(0).getValue()).isEqualTo("Body of Newer");
        JsonNode json = get(feed, "json").json();
        assertThat(json.get("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(json.get("items").size()).isEqualTo(2);
        assertThat(json.get("items").get(0).get("title").asString()).isEqualTo("Newer");
        assertThat(json.get("items").get(0).get("summary").asString()).isEqualTo("Summary of Newer");
        assertThat(json.get("items").get(0).get("content_text").asString()).isEqualTo("Body of Newer");
        assertThat(json.get("items").get(1).get("title").asString()).isEqualTo("Older");
    }

    @Test
    void mediaFieldsBecomeSignedEnclosuresThatDownloadForDays() throws Exception {
        JsonNode feed = enable(Map.of());
        byte[] png = MediaFiles.image("png");
        Http.Response upload = http.send(
                "POST",
                "/api/groups/" + group + "/media",
                MediaFiles.multipart("cover.png", "image/png", png),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String key = upload.json().get("key").asString();
        item("With cover", Instant.now().minusSeconds(60), false, Map.of("cover", Map.of("key", key)));

        SyndEnclosure enclosure = rome(get(feed, "rss").body())
                .getEntries()
                .get(0)
                .getEnclosures()
                .get(0);
        assertThat(enclosure.getType()).isEqualTo("image/png");
        assertThat(enclosure.getLength()).isEqualTo(png.length);
        URI url = URI.create(enclosure.getUrl());
        assertThat(url.getPath()).contains(key);
        assertThat(url.getQuery()).contains("sig=");
        long exp = Long.parseLong(url.getQuery().replaceAll(".*exp=(\\d+).*", "$1"));
        assertThat(exp).isGreaterThan(Instant.now().plus(Duration.ofDays(6)).getEpochSecond());
        Http.Response download = http.get(url.getRawPath() + "?" + url.getRawQuery());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("image/png");
        Http.Response forged =
                http.get(url.getRawPath() + "?" + url.getRawQuery().replaceAll("exp=\\d+", "exp=" + (exp + 3600)));
        assertThat(forged.status()).as("the expiry is signed").isBetween(400, 404);

        assertThat(rome(get(feed, "atom").body()).getEntries().get(0).getEnclosures())
                .extracting(SyndEnclosure::getUrl)
                .containsExactly(enclosure.getUrl());
        JsonNode attachment =
                get(feed, "json").json().get("items").get(0).get("attachments").get(0);
        assertThat(attachment.get("url").asString()).isEqualTo(enclosure.getUrl());
        assertThat(attachment.get("mime_type").asString()).isEqualTo("image/png");
    }

    @Test
    void anUnchangedFeedAnswers304ToItsETagAndIsPubliclyCacheable() {
        JsonNode feed = enable(Map.of());
        item("Cached", Instant.now().minusSeconds(60), false, Map.of());
        for (String format : List.of("rss", "atom", "json")) {
            Http.Response first = get(feed, format);
            String etag = first.header("ETag");
            assertThat(etag).startsWith("\"");
            assertThat(first.header("Cache-Control")).contains("public").contains("max-age=");
            Http.Response again = http.get(path(feed, format), "If-None-Match", etag);
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(http.get(path(feed, format), "If-None-Match", "\"something-else\"")
                            .status())
                    .isEqualTo(200);
        }
        String before = get(feed, "rss").header("ETag");
        item("New one", Instant.now().minusSeconds(30), false, Map.of());
        Http.Response changed = http.get(path(feed, "rss"), "If-None-Match", before);
        assertThat(changed.status()).as("a publication changes the feed").isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(before);
    }

    @Test
    void disabledUnknownAndMalformedFeedsAllAnswerTheSame404() {
        JsonNode feed = enable(Map.of());
        item("Visible", Instant.now().minusSeconds(60), false, Map.of());
        assertThat(get(feed, "rss").status()).isEqualTo(200);
        assertThat(http.get(path(feed, "ics")).status())
                .as("no date field, no calendar")
                .isEqualTo(404);
        assertThat(http.put(feedPath(), Map.of("enabled", false), owner.auth()).status())
                .isEqualTo(200);
        Http.Response disabled = http.get(path(feed, "rss"));
        assertThat(disabled.status()).isEqualTo(404);
        String feedId = feed.get("feedId").asString();
        String guessed = feedId.substring(0, 31) + (feedId.endsWith("A") ? "B" : "A");
        for (String path : List.of(
                "/feeds/" + guessed + ".rss",
                "/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.atom",
                "/feeds/" + type + ".json",
                "/feeds/" + feedId + ".xml",
                "/feeds/" + feedId)) {
            Http.Response answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).isEqualTo(disabled.body());
        }
        for (String path :
                List.of("/feeds/..%2f..%2fetc.rss", "/feeds/%00.rss", "/feeds/" + "A".repeat(5000) + ".rss")) {
            assertThat(http.get(path).status()).as(path).isBetween(400, 404);
        }
    }

    @Test
    void aFrozenGroupsFeedIsTheSame404() {
        JsonNode feed = enable(Map.of());
        item("Before the freeze", Instant.now().minusSeconds(60), false, Map.of());
        String unknown = http.get("/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.rss").body();
        groups.setFrozen(group, true);
        try {
            Http.Response frozen = http.get(path(feed, "json"));
            assertThat(frozen.status()).isEqualTo(404);
            assertThat(frozen.body()).isEqualTo(unknown);
        } finally {
            groups.setFrozen(group, false);
        }
        assertThat(get(feed, "json").json().get("items").size()).isEqualTo(1);
    }

    @Test
    void theCalendarListsUpcomingPublishedEventsWithStableUids() throws Exception {
        JsonNode feed = enable(Map.of("dateField", "startsAt"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String soon = item(
                "Soon",
                now.minusSeconds(60),
                false,
                Map.of("startsAt", now.plus(1, ChronoUnit.DAYS).toString()));
        item(
                "Later",
                now.minusSeconds(60),
                false,
                Map.of("startsAt", now.plus(3, ChronoUnit.DAYS).toString()));
        item(
                "Past",
                now.minusSeconds(60),
                false,
                Map.of("startsAt", now.minus(1, ChronoUnit.DAYS).toString()));
        item(
                "Unpublished",
                null,
                false,
                Map.of("startsAt", now.plus(2, ChronoUnit.DAYS).toString()));
        item(
                "Announced later",
                now.plus(1, ChronoUnit.HOURS),
                false,
                Map.of("startsAt", now.plus(2, ChronoUnit.DAYS).toString()));

        Http.Response ics = get(feed, "ics");
        assertThat(ics.header("Content-Type")).startsWith("text/calendar");
        List<VEvent> events = events(ics.body());
        assertThat(events).extracting(e -> value(e, "SUMMARY")).containsExactly("Soon", "Later");
        VEvent first = events.get(0);
        assertThat(value(first, "UID")).isEqualTo(soon + "@vivreal");
        assertThat(value(first, "DTSTAMP")).endsWith("Z");
        assertThat(value(first, "DTSTART"))
                .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(now.plus(1, ChronoUnit.DAYS)));
        assertThat(value(first, "DESCRIPTION")).isEqualTo("Summary of Soon");

        Http.Response edited = http.put(
                "/api/groups/" + group + "/content-types/" + type + "/items/" + soon,
                Map.of(
                        "objectValue",
                        Map.of(
                                "title",
                                "Soon, renamed",
                                "startsAt",
                                now.plus(1, ChronoUnit.DAYS).toString()),
                        "publishDate",
                        now.minusSeconds(60).toString()),
                owner.auth());
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        VEvent renamed = events(get(feed, "ics").body()).get(0);
        assertThat(value(renamed, "SUMMARY")).isEqualTo("Soon, renamed");
        assertThat(value(renamed, "UID"))
                .as("an edit updates the event, never adds one")
                .isEqualTo(soon + "@vivreal");
    }

    @Test
    void aDateFieldCalendarHasWholeDayEvents() throws Exception {
        JsonNode feed = enable(Map.of("dateField", "day"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        item("Today", Instant.now().minusSeconds(60), false, Map.of("day", today.toString()));
        item(
                "Yesterday",
                Instant.now().minusSeconds(60),
                false,
                Map.of("day", today.minusDays(1).toString()));
        List<VEvent> events = events(get(feed, "ics").body());
        assertThat(events).extracting(e -> value(e, "SUMMARY")).containsExactly("Today");
        assertThat(value(events.get(0), "DTSTART")).isEqualTo(today.toString().replace("-", ""));
    }

    @Test
    void hostileTextIsEscapedAndEveryFormatStillParses() throws Exception {
        JsonNode feed = enable(Map.of("dateField", "startsAt"));
        String title = "<script>alert(1)</script> ]]> & \"quoted\" \u0000end";
        String summary = "line one\r\nBEGIN:VEVENT\r\nUID:evil\r\n; , \\ ]]></description><x>";
        String body = "A".repeat(200_000);
        item(
                "ignored",
                Instant.now().minusSeconds(60),
                false,
                Map.of(
                        "title",
                        title,
                        "summary",
                        summary,
                        "body",
                        body,
                        "startsAt",
                        Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        String clean = title.replace("\u0000", "");

        Http.Response rssAnswer = get(feed, "rss");
        assertThat(rssAnswer.body()).doesNotContain("<script>").doesNotContain("<x>");
        SyndEntry rss = rome(rssAnswer.body()).getEntries().get(0);
        assertThat(rss.getTitle()).isEqualTo(clean);
        assertThat(rss.getDescription().getValue())
                .as("RSS descriptions are HTML to readers: the text arrives escaped")
                .startsWith("line one<br>BEGIN:VEVENT")
                .contains("]]&gt;&lt;/description&gt;&lt;x&gt;")
                .doesNotContain("<x>");
        SyndEntry atom = rome(get(feed, "atom").body()).getEntries().get(0);
        assertThat(atom.getTitle()).isEqualTo(clean);
        assertThat(atom.getContents().get(0).getValue().length())
                .as("very long text is cut")
                .isLessThan(60_000);
        JsonNode json = get(feed, "json").json().get("items").get(0);
        assertThat(json.get("title").asString()).isEqualTo(clean);
        assertThat(json.get("summary").asString()).isEqualTo(summary);

        List<VEvent> events = events(get(feed, "ics").body());
        assertThat(events).hasSize(1);
        assertThat(value(events.get(0), "SUMMARY")).isEqualTo(clean);
        assertThat(value(events.get(0), "DESCRIPTION")).isEqualTo(summary.replace("\r\n", "\n"));
        assertThat(value(events.get(0), "UID")).isNotEqualTo("evil");
    }

    // ---- WebSub ----

    @Test
    void feedsAdvertiseTheHubAndThemselves() throws Exception {
        JsonNode feed = enable(Map.of());
        Element channel = new SAXBuilder()
                .build(new StringReader(get(feed, "rss").body()))
                .getRootElement()
                .getChild("channel");
        Map<String, String> rssLinks = new HashMap<>();
        for (Element link : channel.getChildren("link", ATOM)) {
            rssLinks.put(link.getAttributeValue("rel"), link.getAttributeValue("href"));
        }
        assertThat(rssLinks)
                .containsEntry("hub", FakeHub.url())
                .containsEntry("self", feed.get("urls").get("rss").asString());
        SyndFeed atom = rome(get(feed, "atom").body());
        assertThat(atom.getLinks())
                .extracting(SyndLink::getRel, SyndLink::getHref)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("hub", FakeHub.url()),
                        org.assertj.core.groups.Tuple.tuple(
                                "self", feed.get("urls").get("atom").asString()));
        JsonNode json = get(feed, "json").json();
        assertThat(json.get("hubs").get(0).get("type").asString()).isEqualTo("WebSub");
        assertThat(json.get("hubs").get(0).get("url").asString()).isEqualTo(FakeHub.url());
        assertThat(json.get("feed_url").asString())
                .isEqualTo(feed.get("urls").get("json").asString());
    }

    @Test
    void aPublicationPingsTheHubWithinFiveSeconds() {
        JsonNode feed = enable(Map.of());
        String rssUrl = feed.get("urls").get("rss").asString();
        String expected = "hub.mode=publish&hub.url=" + URLEncoder.encode(rssUrl, StandardCharsets.UTF_8);
        Instant published = Instant.now();
        item("Ping me", Instant.now().minusSeconds(1), false, Map.of());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> pings(expected).stream().anyMatch(r -> r.at().isAfter(published)));
        RecordingServer.Request ping = pings(expected).get(0);
        assertThat(ping.method()).isEqualTo("POST");
        assertThat(ping.path()).isEqualTo("/hub");
        assertThat(ping.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        String atomPing = "hub.mode=publish&hub.url="
                + URLEncoder.encode(feed.get("urls").get("atom").asString(), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(5)).until(() -> !pings(atomPing).isEmpty());
    }

    @Test
    void aRefusedPingIsRetried() {
        JsonNode feed = enable(Map.of());
        String expected = "hub.mode=publish&hub.url="
                + URLEncoder.encode(feed.get("urls").get("rss").asString(), StandardCharsets.UTF_8);
        FakeHub.SERVER.status.set(503);
        try {
            item("Hub is down", Instant.now().minusSeconds(1), false, Map.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> !pings(expected).isEmpty());
            // the refused ping waits in the store, not in memory; a second publication joins it
            item("Still down", Instant.now().minusSeconds(1), false, Map.of());
            await().atMost(Duration.ofSeconds(4))
                    .until(() -> pendingPings().stream()
                            .anyMatch(p -> p.get("generation", Number.class).longValue() >= 2));
            assertThat(pendingPings()).as("one pending ping per feed").hasSize(1);
            assertThat(pendingPings().get(0).get("attempts", Number.class).intValue())
                    .isEqualTo(1);
            FakeHub.SERVER.status.set(204);
            // the first retry comes 5 s after the refusal
            await().atMost(Duration.ofSeconds(12)).until(() -> pings(expected).size() >= 2);
        } finally {
            FakeHub.SERVER.status.set(204);
        }
    }

    @Test
    void aTypeWithoutAnEnabledFeedPingsNothing() throws Exception {
        JsonNode feed = enable(Map.of());
        assertThat(http.put(feedPath(), Map.of("enabled", false), owner.auth()).status())
                .isEqualTo(200);
        String expected =
                "hub.url=" + URLEncoder.encode(feed.get("urls").get("rss").asString(), StandardCharsets.UTF_8);
        item("Quiet", Instant.now().minusSeconds(1), false, Map.of());
        // a second, enabled feed published after it: once its ping arrived, the first one's would have too
        String otherType = http.post(
                        "/api/groups/" + group + "/content-types",
                        Map.of("name", "Loud", "fields", List.of(Map.of("name", "title", "type", "text"))),
                        owner.auth())
                .json()
                .get("_id")
                .asString();
        JsonNode loud = http.put(
                        "/api/groups/" + group + "/content-types/" + otherType + "/feed",
                        Map.of(
                                "enabled",
                                true,
                                "titleField",
                                "title",
                                "summaryField",
                                "title",
                                "contentField",
                                "title"),
                        owner.auth())
                .json();
        Http.Response created = http.post(
                "/api/groups/" + group + "/content-types/" + otherType + "/items",
                Map.of(
                        "objectValue",
                        Map.of("title", "Loud"),
                        "publishDate",
                        Instant.now().minusSeconds(1).toString()),
                owner.auth());
        assertThat(created.status()).isEqualTo(201);
        String loudPing =
                "hub.url=" + URLEncoder.encode(loud.get("urls").get("rss").asString(), StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(5)).until(() -> !pings(loudPing).isEmpty());
        assertThat(pings(expected)).isEmpty();
    }

    // ---- helpers ----

    private List<org.bson.Document> pendingPings() {
        return controlPlane
                .collection("websub_pings")
                .find(com.mongodb.client.model.Filters.eq("groupID", group))
                .into(new java.util.ArrayList<>());
    }

    private List<RecordingServer.Request> pings(String bodyPart) {
        return FakeHub.SERVER.requests.stream()
                .filter(r -> r.body().contains(bodyPart))
                .toList();
    }

    private String feedPath() {
        return "/api/groups/" + group + "/content-types/" + type + "/feed";
    }

    private Map<String, Object> settings(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("enabled", true);
        body.put("titleField", "title");
        body.put("summaryField", "summary");
        body.put("contentField", "body");
        body.putAll(extra);
        return body;
    }

    private JsonNode enable(Map<String, Object> extra) {
        Http.Response answer = http.put(feedPath(), settings(extra), owner.auth());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private void assertRefused(Object body, String field) {
        Http.Response answer = http.put(feedPath(), body, owner.auth());
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("field").asString()).isEqualTo(field);
    }

    private String item(String title, Instant publishDate, boolean archived, Map<String, Object> values) {
        Map<String, Object> objectValue = new HashMap<>();
        objectValue.put("title", title);
        objectValue.put("summary", "Summary of " + title);
        objectValue.put("body", "Body of " + title);
        objectValue.putAll(values);
        Map<String, Object> body = new HashMap<>();
        body.put("objectValue", objectValue);
        body.put("publishDate", publishDate == null ? null : publishDate.toString());
        body.put("archived", archived);
        Http.Response created =
                http.post("/api/groups/" + group + "/content-types/" + type + "/items", body, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    private static String path(JsonNode feed, String format) {
        return "/feeds/" + feed.get("feedId").asString() + "." + format;
    }

    private Http.Response get(JsonNode feed, String format) {
        Http.Response answer = http.get(path(feed, format));
        assertThat(answer.status()).as(format + " → " + answer.body()).isEqualTo(200);
        return answer;
    }

    private static SyndFeed rome(String xml) throws Exception {
        return new SyndFeedInput().build(new StringReader(xml));
    }

    private static List<VEvent> events(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        return calendar.getComponents(Component.VEVENT);
    }

    private static String value(VEvent event, String property) {
        return event.getRequiredProperty(property).getValue();
    }
}
