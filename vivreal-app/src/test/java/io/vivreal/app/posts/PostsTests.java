package io.vivreal.app.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.app.fakes.FakeMastodon;
import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.RecordingServer;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.core.tenancy.TenantScope;
import io.vivreal.core.tenancy.TenantStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Posts: composed per channel, previewed byte for byte, queued as deliveries, kept as integration
 * objects that the Client API lists once published; edited or cancelled only before sending
 * starts; another group's item or channel is not found.
 */
class PostsTests extends ServerTest {

    @Autowired
    TenantStore tenantStore;

    @Autowired
    ControlPlane controlPlane;

    static final String TITLE = "Crème brûlée Fridays \uD83C\uDF6E";

    Fixtures.User owner;
    String group;
    String type;
    String item;
    String key;
    FakeMastodon mastodon;
    RecordingServer webhook;
    String mastodonChannel;
    String webhookChannel;

    @BeforeEach
    void groupWithAnItemAndChannels() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        key = fixtures.apiKey(owner, group);
        ContentFixtures content = new ContentFixtures(http);
        type = content.contentType(owner, group, "Bakery News");
        item = content.item(owner, group, type, TITLE, Instant.now().minusSeconds(5), false, 5);
        mastodon = new FakeMastodon("mastodon-token-0123456789");
        webhook = new RecordingServer();
        mastodonChannel = channel(Map.of(
                "type",
                "mastodon",
                "name",
                "Bakery on Mastodon",
                "settings",
                Map.of("instanceUrl", mastodon.url(), "accessToken", "mastodon-token-0123456789"),
                "events",
                List.of("submission.received")));
        webhookChannel = channel(Map.of(
                "type",
                "webhook",
                "name",
                "Site hook",
                "settings",
                Map.of("url", webhook.url("/hook"), "signingSecret", "whsec_cG9zdHMtdGVzdC1zaWduaW5nLWtleS0wMTIz"),
                "events",
                List.of("submission.received")));
    }

    @AfterEach
    void stop() {
        mastodon.close();
        webhook.close();
    }

    String channel(Map<String, Object> body) {
        Http.Response created = http.post("/api/groups/" + group + "/channels", body, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    String posts() {
        return "/api/groups/" + group + "/posts";
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    JsonNode post(String postId) {
        Http.Response found = http.get(posts() + "/" + postId, owner.auth());
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json();
    }

    String statusOf(String postId, String channelId) {
        for (JsonNode object : post(postId).get("integrationObjects")) {
            if (object.get("channelId").asString().equals(channelId)) {
                return object.get("status").asString();
            }
        }
        return null;
    }

    @Test
    void thePreviewIsExactlyWhatTheNetworkReceivesAndThePublishedPostIsListedForSites() throws Exception {
        Map<String, Object> body = Map.of(
                "itemId",
                item,
                "channels",
                List.of(
                        Map.of("channelId", mastodonChannel, "text", "New: {title} ({objectValue.rating}/5) {url}"),
                        Map.of("channelId", webhookChannel)));
        Http.Response preview = http.post(posts() + "/preview", body, owner.auth());
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode toMastodon = preview.json().get("channels").get(0);
        String expected = "New: " + TITLE + " (5/5) http://localhost:" + port + "/bakery-news/" + item;
        assertThat(toMastodon.get("text").asString()).isEqualTo(expected);
        assertThat(toMastodon.get("ok").asBoolean()).isTrue();
        assertThat(toMastodon.get("count").asInt()).isEqualTo(expected.codePointCount(0, expected.length()));
        assertThat(mastodon.calls(FakeMastodon.STATUSES))
                .as("a preview sends nothing")
                .isZero();

        Http.Response created = http.post(posts(), body, owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String postId = created.json().get("postId").asString();
        assertThat(created.json().get("integrationObjects")).hasSize(2);
        JsonNode object = created.json().get("integrationObjects").get(0);
        assertThat(object.get("platform").asString()).isEqualTo("mastodon");
        assertThat(object.get("sourceRef").get("objectID").asString()).isEqualTo(item);
        assertThat(object.get("sourceRef").get("collectionName").asString()).isEqualTo("Bakery News");

        await().atMost(Duration.ofSeconds(10)).until(() -> !mastodon.statuses().isEmpty());
        FakeMastodon.Status sent = mastodon.statuses().get(0);
        assertThat(sent.idempotencyKey()).startsWith("msg_");
        assertThat(sent.visibility()).isEqualTo("public");
        assertThat(sha256(sent.text())).isEqualTo(sha256(toMastodon.get("text").asString()));
        assertThat(mastodon.problems()).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> !webhook.requests.isEmpty());
        JsonNode hook = Http.JSON.readTree(webhook.requests.get(0).body());
        assertThat(hook.get("type").asString()).isEqualTo("vivreal.post");
        assertThat(hook.get("data").get("text").asString())
                .isEqualTo(preview.json().get("channels").get(1).get("text").asString())
                .isEqualTo(TITLE + " http://localhost:" + port + "/bakery-news/" + item);

        await().atMost(Duration.ofSeconds(10)).until(() -> "published".equals(statusOf(postId, mastodonChannel)));
        Http.Response listed = http.get("/tenant/integrationObjects?type=mastodon", "Authorization", key);
        assertThat(listed.status()).isEqualTo(200);
        JsonNode page = listed.json().get("data");
        assertThat(page.get("totalCount").asInt()).isEqualTo(1);
        JsonNode forSites = page.get("items").get(0);
        assertThat(forSites.get("status").asString()).isEqualTo("published");
        assertThat(forSites.get("platform").asString()).isEqualTo("mastodon");
        assertThat(forSites.get("usingVariant").asBoolean()).isFalse();
        assertThat(forSites.get("publishDate").asString()).isNotBlank();
        assertThat(forSites.get("sourceRef").get("objectID").asString()).isEqualTo(item);
        assertThat(forSites.get("objectValue").get("text").asString()).isEqualTo(expected);
        assertThat(forSites.get("objectValue").get("_id").asString())
                .isEqualTo(forSites.get("_id").asString());
        assertThat(http.get("/tenant/integrationObjects?type=mastodon&search=brûlée", "Authorization", key)
                        .json()
                        .get("data")
                        .get("totalCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(forSites.get("permalink").asString()).isEqualTo(sent.url());
        assertThat(forSites.get("externalPostId").asString()).isEqualTo(sent.id());
        assertThat(mastodon.statuses()).as("published once").hasSize(1);
    }

    @Test
    void aScheduledPostWaitsForItsTimeCanBeEditedUntilThenAndIsNotListedBeforeItIsPublished() throws Exception {
        Http.Response created = http.post(
                posts(),
                Map.of(
                        "publishAt",
                        Instant.now().plusSeconds(4).toString(),
                        "channels",
                        List.of(Map.of("channelId", mastodonChannel, "text", "Doors open at nine"))),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String postId = created.json().get("postId").asString();
        assertThat(statusOf(postId, mastodonChannel)).isEqualTo("scheduled");
        assertThat(http.get(posts() + "?status=scheduled", owner.auth()).body()).contains(postId);

        Http.Response edited = http.put(
                posts() + "/" + postId,
                Map.of("channels", List.of(Map.of("channelId", mastodonChannel, "text", "Doors open at ten"))),
                owner.auth());
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        Thread.sleep(1000);
        assertThat(mastodon.statuses()).as("not before its time").isEmpty();
        assertThat(http.get("/tenant/integrationObjects?type=mastodon", "Authorization", key)
                        .json()
                        .get("data")
                        .get("totalCount")
                        .asInt())
                .as("a scheduled post is not listed for sites")
                .isZero();

        await().atMost(Duration.ofSeconds(15)).until(() -> !mastodon.statuses().isEmpty());
        assertThat(mastodon.statuses().get(0).text()).isEqualTo("Doors open at ten");
        await().atMost(Duration.ofSeconds(10)).until(() -> "published".equals(statusOf(postId, mastodonChannel)));
        assertThat(http.put(
                                posts() + "/" + postId,
                                Map.of("channels", List.of(Map.of("channelId", mastodonChannel, "text", "Too late"))),
                                owner.auth())
                        .status())
                .isEqualTo(409);
        assertThat(http.delete(posts() + "/" + postId, owner.auth()).status()).isEqualTo(409);
    }

    @Test
    void aCancelledPostIsNeverSent() throws Exception {
        Http.Response created = http.post(
                posts(),
                Map.of(
                        "publishAt",
                        Instant.now().plusSeconds(2).toString(),
                        "channels",
                        List.of(Map.of("channelId", mastodonChannel, "text", "Never mind"))),
                owner.auth());
        String postId = created.json().get("postId").asString();
        assertThat(http.delete(posts() + "/" + postId, owner.auth()).status()).isEqualTo(204);
        Thread.sleep(3500);
        assertThat(mastodon.statuses()).isEmpty();
        assertThat(http.get(posts() + "/" + postId, owner.auth()).status()).isEqualTo(404);
    }

    @Test
    void aPlaceholderThatDoesNotExistIsRefusedNamingIt() {
        Http.Response unknown = http.post(
                posts(),
                Map.of(
                        "itemId",
                        item,
                        "channels",
                        List.of(Map.of("channelId", mastodonChannel, "text", "{title} by {author}"))),
                owner.auth());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asString()).isEqualTo("channels[0].text");
        assertThat(unknown.json().get("message").asString()).contains("{author}");

        Http.Response noField = http.post(
                posts() + "/preview",
                Map.of(
                        "itemId",
                        item,
                        "channels",
                        List.of(Map.of("channelId", mastodonChannel, "text", "{objectValue.price}"))),
                owner.auth());
        assertThat(noField.status()).isEqualTo(400);
        assertThat(noField.json().get("message").asString()).contains("{objectValue.price}");

        Http.Response withoutItem = http.post(
                posts(),
                Map.of("channels", List.of(Map.of("channelId", mastodonChannel, "text", "{title}"))),
                owner.auth());
        assertThat(withoutItem.status()).isEqualTo(400);
        assertThat(withoutItem.json().get("message").asString()).contains("{title}");

        Http.Response injected = http.post(
                posts(),
                Map.of("channels", List.of(Map.of("channelId", Map.of("$ne", "x"), "text", "hi"))),
                owner.auth());
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.json().get("field").asString()).isEqualTo("channels[0].channelId");
        assertThat(http.post(posts(), Map.of("channels", List.of()), owner.auth())
                        .status())
                .isEqualTo(400);
        Http.Response past = http.post(
                posts(),
                Map.of(
                        "publishAt",
                        "2020-01-01T00:00:00Z",
                        "channels",
                        List.of(Map.of("channelId", mastodonChannel, "text", "hi"))),
                owner.auth());
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("field").asString()).isEqualTo("publishAt");
        assertThat(mastodon.statuses()).isEmpty();
    }

    @Test
    void anotherGroupsItemOrChannelIsNotFoundAndViewersCannotPost() {
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        String otherType = new ContentFixtures(http).contentType(other, otherGroup, "Theirs");
        String theirItem =
                new ContentFixtures(http).item(other, otherGroup, otherType, "Secret", Instant.now(), false, 1);
        Http.Response theirs = http.post(
                posts(),
                Map.of("itemId", theirItem, "channels", List.of(Map.of("channelId", mastodonChannel))),
                owner.auth());
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.body()).doesNotContain("Secret");
        Http.Response myItemTheirGroup = http.post(
                "/api/groups/" + otherGroup + "/posts",
                Map.of("itemId", item, "channels", List.of(Map.of("channelId", mastodonChannel))),
                owner.auth());
        assertThat(myItemTheirGroup.status()).isEqualTo(404);
        Http.Response theirPostOfMyChannel = http.post(
                "/api/groups/" + otherGroup + "/posts",
                Map.of("channels", List.of(Map.of("channelId", mastodonChannel, "text", "hi"))),
                other.auth());
        assertThat(theirPostOfMyChannel.status()).isEqualTo(404);

        Fixtures.User viewer = fixtures.user();
        fixtures.addMember(owner, group, viewer, "viewer");
        assertThat(http.post(
                                posts(),
                                Map.of("channels", List.of(Map.of("channelId", mastodonChannel, "text", "hi"))),
                                viewer.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.get(posts(), viewer.auth()).status()).isEqualTo(403);
        Fixtures.User editor = fixtures.user();
        fixtures.addMember(owner, group, editor, "editor");
        assertThat(http.post(
                                posts(),
                                Map.of(
                                        "publishAt",
                                        Instant.now().plusSeconds(3600).toString(),
                                        "channels",
                                        List.of(Map.of("channelId", mastodonChannel, "text", "hi"))),
                                editor.auth())
                        .status())
                .isEqualTo(201);
        assertThat(mastodon.statuses()).isEmpty();
    }

    @Test
    void aPostWhoseAnswerWasLostOnAPlatformWithoutIdempotencyEndsUnknownAndIsNotSentAgain() throws Exception {
        try (SilentServer slack = new SilentServer()) {
            String slackChannel = channel(Map.of(
                    "type",
                    "slack",
                    "name",
                    "Team chat",
                    "settings",
                    Map.of("webhookUrl", slack.url("/services/T000/B000/XXXX")),
                    "events",
                    List.of("submission.received")));
            Http.Response created = http.post(
                    posts(),
                    Map.of("channels", List.of(Map.of("channelId", slackChannel, "text", "Fresh bread at 7"))),
                    owner.auth());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String postId = created.json().get("postId").asString();

            await().atMost(Duration.ofSeconds(20)).until(() -> "unknown".equals(statusOf(postId, slackChannel)));
            JsonNode object = post(postId).get("integrationObjects").get(0);
            assertThat(object.get("deliveryStatus").asString()).isEqualTo("unknown");
            assertThat(object.get("errorMessage").asString()).contains("confirm");
            Thread.sleep(2000);
            assertThat(slack.bodies).as("never a blind second post").hasSize(1);
            assertThat(slack.bodies.get(0)).contains("Fresh bread at 7");

            Http.Response confirmed = http.post(
                    posts() + "/" + postId + "/confirm",
                    Map.of(
                            "channelId",
                            slackChannel,
                            "status",
                            "published",
                            "permalink",
                            "https://team.slack.example/archives/C1/p1"),
                    owner.auth());
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
            JsonNode settled = confirmed.json().get("integrationObjects").get(0);
            assertThat(settled.get("status").asString()).isEqualTo("published");
            assertThat(settled.get("permalink").asString()).isEqualTo("https://team.slack.example/archives/C1/p1");
            assertThat(settled.get("deliveryStatus").asString()).isEqualTo("succeeded");
            assertThat(http.post(
                                    posts() + "/" + postId + "/confirm",
                                    Map.of("channelId", slackChannel, "status", "failed"),
                                    owner.auth())
                            .status())
                    .as("only an unknown outcome can be confirmed")
                    .isEqualTo(409);
            assertThat(http.post(
                                    posts() + "/" + postId + "/confirm",
                                    Map.of(
                                            "channelId",
                                            slackChannel,
                                            "status",
                                            "published",
                                            "permalink",
                                            "javascript:x"),
                                    owner.auth())
                            .status())
                    .isEqualTo(400);
            assertThat(slack.bodies).hasSize(1);
        }
    }

    @Test
    void connectedAccountsAndPostsPerMonthAreLimitedByTheTier() {
        // the free tier: 2 connected accounts (the Mastodon channel of the fixture is one)
        channel(Map.of(
                "type",
                "mastodon",
                "name",
                "Second account",
                "settings",
                Map.of("instanceUrl", mastodon.url(), "accessToken", "mastodon-token-second-01")));
        Http.Response third = http.post(
                "/api/groups/" + group + "/channels",
                Map.of(
                        "type",
                        "mastodon",
                        "name",
                        "Third account",
                        "settings",
                        Map.of("instanceUrl", mastodon.url(), "accessToken", "mastodon-token-third-012")),
                owner.auth());
        assertThat(third.status()).isEqualTo(402);
        assertThat(third.json().get("field").asString()).isEqualTo("connectedAccounts");

        // 30 posts a month on the free tier
        Map<String, Object> later = Map.of(
                "publishAt",
                Instant.now().plusSeconds(86_400).toString(),
                "channels",
                List.of(Map.of("channelId", webhookChannel, "text", "Later")));
        for (int i = 0; i < 30; i++) {
            Http.Response made = http.post(posts(), later, owner.auth());
            assertThat(made.status()).as(made.body()).isEqualTo(201);
        }
        Http.Response over = http.post(posts(), later, owner.auth());
        assertThat(over.status()).isEqualTo(402);
        assertThat(over.json().get("field").asString()).isEqualTo("postsPerMonth");
        assertThat(http.get(posts(), owner.auth()).json().get("posts")).hasSize(30);
    }

    @Test
    void aChannelPostsItemsOfChosenTypesAutomaticallyThroughItsTemplateWhenTheyArePublished() {
        Http.Response configured = http.put(
                "/api/groups/" + group + "/channels/" + mastodonChannel,
                Map.of(
                        "postTemplate",
                        "Fresh from the oven: {title} \u2192 {url}",
                        "autoPostTypes",
                        List.of(type),
                        "events",
                        List.of("content.published")),
                owner.auth());
        assertThat(configured.status()).as(configured.body()).isEqualTo(200);
        assertThat(configured.json().get("postTemplate").asString()).startsWith("Fresh from the oven");
        Http.Response notMine = http.put(
                "/api/groups/" + group + "/channels/" + mastodonChannel,
                Map.of("autoPostTypes", List.of("0123456789abcdef01234567")),
                owner.auth());
        assertThat(notMine.status()).isEqualTo(400);
        assertThat(notMine.json().get("field").asString()).isEqualTo("autoPostTypes");

        String published = new ContentFixtures(http).item(owner, group, type, "Rye loaves", Instant.now(), false, 4);
        String draft = new ContentFixtures(http).item(owner, group, type, "Not yet", null, false, 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> !mastodon.statuses().isEmpty());
        String status = mastodon.statuses().get(0).text();
        assertThat(status)
                .isEqualTo("Fresh from the oven: Rye loaves \u2192 http://localhost:" + port + "/bakery-news/"
                        + published);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.get("/tenant/integrationObjects?type=mastodon", "Authorization", key)
                                .json()
                                .get("data")
                                .get("totalCount")
                                .asInt()
                        == 1);
        JsonNode listed = http.get("/tenant/integrationObjects?type=mastodon", "Authorization", key)
                .json()
                .get("data")
                .get("items")
                .get(0);
        assertThat(listed.get("sourceRef").get("objectID").asString()).isEqualTo(published);
        assertThat(http.get(posts(), owner.auth()).json().get("posts")).hasSize(1);
        assertThat(mastodon.statuses())
                .as("the post replaces the one-line message, and a draft posts nothing")
                .hasSize(1);
        assertThat(status).doesNotContain(draft);
    }

    @Test
    void theItemsImagesGoToTheNetworkWithTheirAltTextAndAnOverlongAltIsRefused() {
        Http.Response typed = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of(
                        "name",
                        "Specials",
                        "fields",
                        List.of(
                                Map.of("name", "title", "type", "text", "required", true),
                                Map.of("name", "poster", "type", "image"))),
                owner.auth());
        assertThat(typed.status()).as(typed.body()).isEqualTo(201);
        String specials = typed.json().get("_id").asString();
        byte[] png = MediaFiles.image("png");
        Http.Response uploaded = http.send(
                "POST",
                "/api/groups/" + group + "/media",
                MediaFiles.multipart("galette.png", "image/png", png),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + owner.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String mediaKey = uploaded.json().get("key").asString();
        String items = "/api/groups/" + group + "/content-types/" + specials + "/items";

        Http.Response overlong = http.post(
                items,
                Map.of(
                        "objectValue",
                        Map.of("title", "Galette", "poster", Map.of("key", mediaKey, "alt", "x".repeat(1501)))),
                owner.auth());
        assertThat(overlong.status()).isEqualTo(400);
        assertThat(overlong.body()).contains("objectValue.poster.alt");

        Http.Response made = http.post(
                items,
                Map.of(
                        "objectValue",
                        Map.of(
                                "title",
                                "Plum galette",
                                "poster",
                                Map.of("key", mediaKey, "alt", "A plum galette on a wooden board"))),
                owner.auth());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String galette = made.json().get("_id").asString();

        Http.Response created = http.post(
                posts(),
                Map.of("itemId", galette, "channels", List.of(Map.of("channelId", mastodonChannel))),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> !mastodon.statuses().isEmpty());
        FakeMastodon.Status status = mastodon.statuses().get(0);
        assertThat(status.mediaIds()).hasSize(1);
        FakeMastodon.Media media = mastodon.media(status.mediaIds().get(0));
        assertThat(media.description()).isEqualTo("A plum galette on a wooden board");
        assertThat(media.bytes()).isEqualTo(png);
        assertThat(mastodon.problems()).isEmpty();
    }

    @Test
    void aTextOverTheInstancesLimitCannotBeScheduledAndThePreviewSaysSo() {
        mastodon.maxCharacters.set(40);
        String text = "A loaf for every table in the neighbourhood, baked at dawn";
        Map<String, Object> body = Map.of("channels", List.of(Map.of("channelId", mastodonChannel, "text", text)));
        Http.Response preview = http.post(posts() + "/preview", body, owner.auth());
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        JsonNode channel = preview.json().get("channels").get(0);
        assertThat(channel.get("ok").asBoolean()).isFalse();
        assertThat(channel.get("count").asInt()).isEqualTo(text.length());
        assertThat(channel.get("limit").asInt()).isEqualTo(40);

        Http.Response refused = http.post(posts(), body, owner.auth());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("channels[0].text");
        assertThat(refused.json().get("message").asString())
                .contains("Bakery on Mastodon", Integer.toString(text.length()), "40");
        assertThat(http.get(posts(), owner.auth()).json().get("posts")).isEmpty();
        assertThat(mastodon.statuses()).isEmpty();
    }

    @Test
    void movingTheTimeMovesEveryChannelAndKeepsTheirTexts() {
        Http.Response created = http.post(
                posts(),
                Map.of(
                        "publishAt",
                        Instant.now().plusSeconds(3600).toString(),
                        "channels",
                        List.of(
                                Map.of("channelId", mastodonChannel, "text", "Mastodon words"),
                                Map.of("channelId", webhookChannel, "text", "Webhook words"))),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String postId = created.json().get("postId").asString();
        Http.Response moved = http.put(
                posts() + "/" + postId, Map.of("publishAt", Instant.now().toString()), owner.auth());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !mastodon.statuses().isEmpty() && !webhook.requests.isEmpty());
        assertThat(mastodon.statuses().get(0).text()).isEqualTo("Mastodon words");
        assertThat(Http.JSON
                        .readTree(webhook.requests.get(0).body())
                        .get("data")
                        .get("text")
                        .asString())
                .isEqualTo("Webhook words");
        assertThat(http.get(posts() + "?status=bogus", owner.auth()).status()).isEqualTo(400);
        assertThat(http.get(posts() + "?from=yesterday", owner.auth())
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("from");
    }

    @Test
    void aPostWhoseChannelIsDeletedBeforeItsTimeFailsWithTheReason() {
        Http.Response created = http.post(
                posts(),
                Map.of(
                        "publishAt",
                        Instant.now().plusSeconds(2).toString(),
                        "channels",
                        List.of(Map.of("channelId", webhookChannel, "text", "Gone soon"))),
                owner.auth());
        String postId = created.json().get("postId").asString();
        assertThat(http.delete("/api/groups/" + group + "/channels/" + webhookChannel, owner.auth())
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(statusOf(postId, webhookChannel)));
        assertThat(post(postId)
                        .get("integrationObjects")
                        .get(0)
                        .get("errorMessage")
                        .asString())
                .contains("deleted");
        assertThat(webhook.requests).isEmpty();
    }

    /** What a worker that died mid-send leaves behind: the delivery in {@code sending}, its lane due. */
    void crashWhileSending(String postId) {
        String deliveryId =
                post(postId).get("integrationObjects").get(0).get("deliveryId").asString();
        String channelId =
                post(postId).get("integrationObjects").get(0).get("channelId").asString();
        tenantStore
                .collection(new TenantScope(group, "general_shared"), "deliveries")
                .updateOne(
                        Filters.eq("_id", deliveryId),
                        Updates.combine(Updates.set("status", "sending"), Updates.set("sendingSince", new Date())));
        controlPlane
                .collection("delivery_lanes")
                .updateOne(Filters.eq("_id", channelId), Updates.set("dueAt", new Date()));
    }

    @Test
    void aWorkerStoppedMidSendLeavesANonIdempotentPostUnknownButAnIdempotentOneIsSentAgain() throws Exception {
        try (RecordingServer slack = new RecordingServer()) {
            slack.status.set(200);
            String slackChannel = channel(Map.of(
                    "type",
                    "slack",
                    "name",
                    "Team chat",
                    "settings",
                    Map.of("webhookUrl", slack.url("/services/T1/B1/crash")),
                    "events",
                    List.of("submission.received")));
            Map<String, Object> later =
                    Map.of("publishAt", Instant.now().plusSeconds(3600).toString());
            String toSlack = http.post(
                            posts(),
                            Map.of(
                                    "publishAt",
                                    later.get("publishAt"),
                                    "channels",
                                    List.of(Map.of("channelId", slackChannel, "text", "Crash test"))),
                            owner.auth())
                    .json()
                    .get("postId")
                    .asString();
            String toWebhook = http.post(
                            posts(),
                            Map.of(
                                    "publishAt",
                                    later.get("publishAt"),
                                    "channels",
                                    List.of(Map.of("channelId", webhookChannel, "text", "Crash test"))),
                            owner.auth())
                    .json()
                    .get("postId")
                    .asString();

            crashWhileSending(toSlack);
            crashWhileSending(toWebhook);

            await().atMost(Duration.ofSeconds(10)).until(() -> "unknown".equals(statusOf(toSlack, slackChannel)));
            assertThat(post(toSlack)
                            .get("integrationObjects")
                            .get(0)
                            .get("deliveryStatus")
                            .asString())
                    .isEqualTo("unknown");
            await().atMost(Duration.ofSeconds(10)).until(() -> "published".equals(statusOf(toWebhook, webhookChannel)));
            assertThat(webhook.requests)
                    .as("an idempotent receiver gets it again, with the same id")
                    .hasSize(1);
            Thread.sleep(1500);
            assertThat(slack.requests).as("never a blind second post").isEmpty();
            Http.Response recovered = http.post(
                    "/api/groups/" + group + "/channels/" + slackChannel + "/recover",
                    Map.of("since", Instant.now().minusSeconds(600).toString()),
                    owner.auth());
            assertThat(recovered.json().get("requeued").asInt())
                    .as("recover skips held posts")
                    .isZero();
        }
    }
}
