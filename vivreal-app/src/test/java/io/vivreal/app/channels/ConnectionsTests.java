package io.vivreal.app.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.vivreal.app.VivrealApplication;
import io.vivreal.app.fakes.FakeLinkedIn;
import io.vivreal.app.support.Browser;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.distribution.adapters.ChannelAdapter;
import io.vivreal.distribution.adapters.ChannelAdapters;
import io.vivreal.distribution.adapters.PostContent;
import io.vivreal.distribution.adapters.PostImage;
import io.vivreal.distribution.adapters.PostOutcome;
import io.vivreal.distribution.channels.ChannelService;
import io.vivreal.distribution.channels.ChannelTarget;
import io.vivreal.distribution.channels.ChannelType;
import io.vivreal.distribution.outbound.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Connecting a LinkedIn channel through OAuth 2.0 with PKCE, against a local LinkedIn that checks
 * the protocol: the full browser round trip, the state's single use, tokens encrypted and never
 * shown, the refresh before expiry (once, however many sends want it), a 401 that marks the
 * connection for reconnecting and fails the post for good, and disconnecting.
 */
@SpringBootTest(
        classes = {VivrealApplication.class, ConnectionsTests.SkewedClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ConnectionsTests {

    private static final Path DATA_DIR =
            Path.of("target", "test-data", "connections-" + UUID.randomUUID()).toAbsolutePath();
    private static final String CLIENT_ID = "77vivrealtestapp";
    private static final String CLIENT_SECRET = "li-client-secret-never-shown-5f2a9c";
    private static final FakeLinkedIn LINKEDIN = new FakeLinkedIn(CLIENT_ID, CLIENT_SECRET);
    /** How far the server's clock is ahead of the real one (for the state's expiry). */
    private static final AtomicReference<Duration> SKEW = new AtomicReference<>(Duration.ZERO);

    @TestConfiguration(proxyBeanMethods = false)
    static class SkewedClock {
        @Bean
        @Primary
        Clock skewedClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return Instant.now().plus(SKEW.get());
                }
            };
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(DATA_DIR.resolve("secrets"));
        Files.writeString(DATA_DIR.resolve("secrets").resolve("linkedin-client-secret"), CLIENT_SECRET);
        registry.add("vivreal.data-dir", DATA_DIR::toString);
        registry.add("vivreal.login.attempts-per-address", () -> "1000000");
        registry.add("vivreal.login.attempts-per-account", () -> "1000000");
        registry.add("vivreal.outbound-allowlist", () -> "127.0.0.1");
        registry.add("vivreal.delivery.interval", () -> "200ms");
        registry.add("vivreal.connections.linkedin.client-id", () -> CLIENT_ID);
        registry.add("vivreal.connections.linkedin.authorize-url", () -> LINKEDIN.url("/oauth/v2/authorization"));
        registry.add("vivreal.connections.linkedin.token-url", () -> LINKEDIN.url("/oauth/v2/accessToken"));
        registry.add("vivreal.connections.linkedin.userinfo-url", () -> LINKEDIN.url("/v2/userinfo"));
        registry.add("vivreal.connections.linkedin.api-url", () -> LINKEDIN.url("/rest"));
    }

    @AfterAll
    static void stop() {
        LINKEDIN.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    ChannelAdapters adapters;

    @Autowired
    OutboundHttp outbound;

    @Autowired
    GroupRepository groups;

    Http http;
    Fixtures fixtures;
    Fixtures.User owner;
    String group;
    final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void groupOfItsOwn() {
        http = new Http("http://localhost:" + port);
        fixtures = new Fixtures(http, DATA_DIR.resolve("mail"));
        owner = fixtures.user();
        group = fixtures.group(owner);
        LINKEDIN.expectRedirectUri("http://localhost:" + port + "/auth/connections/callback");
    }

    String base() {
        return "/api/groups/" + group;
    }

    String linkedInChannel() {
        Http.Response made = http.post(
                base() + "/channels",
                Map.of("type", "linkedin", "name", "Our LinkedIn", "settings", Map.of()),
                owner.auth());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        assertThat(made.json().get("connection").get("status").asString()).isEqualTo("disconnected");
        return made.json().get("_id").asString();
    }

    /** The member's browser at LinkedIn: answers where LinkedIn sends it back (the callback URL). */
    String authorizeAtLinkedIn(String channel) throws Exception {
        Http.Response started = http.post(base() + "/channels/" + channel + "/connect", null, owner.auth());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String authorizeUrl = started.json().get("authorizeUrl").asString();
        assertThat(authorizeUrl).startsWith(LINKEDIN.url("/oauth/v2/authorization?"));
        HttpResponse<String> atLinkedIn = browser.send(
                HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atLinkedIn.statusCode()).as(atLinkedIn.body()).isEqualTo(302);
        String callback = atLinkedIn.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith("http://localhost:" + port + "/auth/connections/callback?");
        return callback;
    }

    /** The browser following LinkedIn's redirect to the callback. */
    Http.Response callback(String url) {
        return http.get(url.substring(("http://localhost:" + port).length()));
    }

    String connect(String channel) throws Exception {
        Http.Response back = callback(authorizeAtLinkedIn(channel));
        assertThat(back.status()).as(back.body()).isEqualTo(303);
        assertThat(back.header("Location")).isEqualTo("/app/channels?connection=connected&channel=" + channel);
        return channel;
    }

    JsonNode channel(String channel) {
        Http.Response found = http.get(base() + "/channels/" + channel, owner.auth());
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json();
    }

    String publish(String title) {
        ContentFixtures content = new ContentFixtures(http);
        String type = content.contentType(
                owner, group, "Posts " + UUID.randomUUID().toString().substring(0, 6));
        return content.item(owner, group, type, title, Instant.now(), false, 4);
    }

    JsonNode finishedDelivery(String channel) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Http.Response list = http.get(base() + "/deliveries?channelId=" + channel, owner.auth());
            for (JsonNode delivery : list.json().get("deliveries")) {
                String status = delivery.get("status").asString();
                if (!status.equals("pending") && !status.equals("sending")) {
                    found[0] = delivery;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    Document storedConnection(String channel) throws IOException {
        String storePort =
                Files.readString(DATA_DIR.resolve("embedded-store.port")).strip();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
            for (String database : client.listDatabaseNames()) {
                Document found = client.getDatabase(database)
                        .getCollection("channel_connections")
                        .find(new Document("_id", new org.bson.types.ObjectId(channel)))
                        .first();
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void connectingFollowsTheProviderAndStoresEncryptedTokens(CapturedOutput output) throws Exception {
        String channel = connect(linkedInChannel());

        JsonNode connection = channel(channel).get("connection");
        assertThat(connection.get("status").asString()).isEqualTo("connected");
        assertThat(connection.get("accountHandle").asString()).isEqualTo("Ada Lovelace");
        assertThat(Instant.parse(connection.get("expiresAt").asString()))
                .isAfter(Instant.now().plus(Duration.ofDays(59)));
        assertThat(LINKEDIN.problems).isEmpty();

        Document stored = storedConnection(channel);
        assertThat(stored).isNotNull();
        assertThat(stored.getString("accessToken")).startsWith("enc:v1:");
        assertThat(stored.getString("refreshToken")).startsWith("enc:v1:");
        String everything = stored.toJson()
                + http.get(base() + "/channels", owner.auth()).body()
                + channel(channel).toString()
                + output.getAll();
        for (String token : LINKEDIN.issued) {
            assertThat(everything).doesNotContain(token);
        }
        assertThat(everything).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void aPublishedItemIsPostedAsTheConnectedMember() throws Exception {
        LINKEDIN.nextMember("782bbtaQ");
        String channel = connect(linkedInChannel());
        String item = publish("Sourdough (Fridays) #bread");

        JsonNode delivery = finishedDelivery(channel);
        assertThat(delivery.get("status").asString()).as(delivery.toString()).isEqualTo("succeeded");
        FakeLinkedIn.Post post = LINKEDIN.posts.stream()
                .filter(p -> p.body().get("author").asString().equals("urn:li:person:782bbtaQ"))
                .findFirst()
                .orElseThrow();
        assertThat(post.headers().get("authorization")).startsWith("Bearer ");
        assertThat(post.headers().get("x-restli-protocol-version")).isEqualTo("2.0.0");
        // the little text format's reserved characters are escaped, so they show as typed
        assertThat(post.body().get("commentary").asString()).contains("Sourdough \\(Fridays\\) \\#bread");
        assertThat(LINKEDIN.problems).isEmpty();
        assertThat(item).isNotBlank();
    }

    @Test
    void aReplayedStateIsRefusedAndStoresNothingNew() throws Exception {
        String channel = linkedInChannel();
        String callback = authorizeAtLinkedIn(channel);
        assertThat(callback(callback).status()).isEqualTo(303);
        int tokenRequests = LINKEDIN.tokenRequests.get();

        Http.Response replayed = callback(callback);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(400);
        assertThat(replayed.json().get("error").asString()).isEqualTo("invalid_state");
        assertThat(replayed.json().get("field").asString()).isEqualTo("state");
        assertThat(LINKEDIN.tokenRequests.get()).isEqualTo(tokenRequests);
    }

    @Test
    void aWrongOrMissingStateIsRefusedAndNoTokenIsRequested() throws Exception {
        String channel = linkedInChannel();
        String callback = authorizeAtLinkedIn(channel);
        Map<String, String> query = FakeLinkedIn.query(callback);
        int tokenRequests = LINKEDIN.tokenRequests.get();

        for (String path : List.of(
                "/auth/connections/callback?code=" + query.get("code") + "&state=" + query.get("state") + "x",
                "/auth/connections/callback?code=" + query.get("code") + "&state=AAAA",
                "/auth/connections/callback?code=" + query.get("code"),
                "/auth/connections/callback?code=" + query.get("code") + "&state=%7B%22%24ne%22%3A1%7D")) {
            Http.Response refused = http.get(path);
            assertThat(refused.status()).as(path + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).isEqualTo("invalid_state");
        }
        assertThat(LINKEDIN.tokenRequests.get()).isEqualTo(tokenRequests);
        assertThat(channel(channel).get("connection").get("status").asString()).isEqualTo("disconnected");
        assertThat(storedConnection(channel)).isNull();
    }

    @Test
    void aMemberWhoRefusesAtTheProviderSeesItAndNothingIsStored() throws Exception {
        String channel = linkedInChannel();
        LINKEDIN.denyNext();
        String callback = authorizeAtLinkedIn(channel);
        assertThat(FakeLinkedIn.query(callback)).containsKey("error");

        Http.Response back = callback(callback);
        assertThat(back.status()).isEqualTo(303);
        assertThat(back.header("Location")).isEqualTo("/app/channels?connection=denied&channel=" + channel);
        assertThat(channel(channel).get("connection").get("status").asString()).isEqualTo("disconnected");
    }

    @Test
    void anotherGroupsChannelIsNotFoundAndOnlyAdminsConnect() throws Exception {
        String channel = linkedInChannel();
        Fixtures.User stranger = fixtures.user();
        String strangers = fixtures.group(stranger);
        for (String route : List.of("/channels/" + channel + "/connect", "/channels/" + channel + "/connection")) {
            String method = route.endsWith("connect") ? "POST" : "DELETE";
            assertThat(http.send(method, "/api/groups/" + strangers + route, null, stranger.auth())
                            .status())
                    .as(method + " " + route)
                    .isEqualTo(404);
            assertThat(http.send(method, base() + route, null, stranger.auth()).status())
                    .isEqualTo(404);
        }
        for (String role : List.of("editor", "viewer")) {
            Fixtures.User member = fixtures.user();
            fixtures.addMember(owner, group, member, role);
            assertThat(http.post(base() + "/channels/" + channel + "/connect", null, member.auth())
                            .status())
                    .as(role)
                    .isEqualTo(403);
            assertThat(http.delete(base() + "/channels/" + channel + "/connection", member.auth())
                            .status())
                    .as(role)
                    .isEqualTo(403);
        }
        Http.Response webhook = http.post(
                base() + "/channels",
                Map.of(
                        "type",
                        "webhook",
                        "name",
                        "Hook",
                        "settings",
                        Map.of(
                                "url",
                                "http://127.0.0.1:9/x",
                                "signingSecret",
                                "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))),
                owner.auth());
        assertThat(webhook.status()).as(webhook.body()).isEqualTo(201);
        Http.Response notOAuth = http.post(
                base() + "/channels/" + webhook.json().get("_id").asString() + "/connect", null, owner.auth());
        assertThat(notOAuth.status()).as(notOAuth.body()).isEqualTo(400);
        assertThat(webhook.json().has("connection")).isFalse();
    }

    @Test
    void aTokenCloseToExpiryIsRefreshedOnceHoweverManySendsNeedIt() throws Exception {
        LINKEDIN.nextLifetime(120); // under the 5 minutes: refreshed at the next use
        String channel = connect(linkedInChannel());
        Instant before = Instant.parse(
                channel(channel).get("connection").get("expiresAt").asString());
        assertThat(before).isBefore(Instant.now().plus(Duration.ofMinutes(3)));
        int refreshes = LINKEDIN.refreshes.get();
        LINKEDIN.refreshDelay(500);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Http.Response>> tests = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tests.add(pool.submit(() -> http.post(base() + "/channels/" + channel + "/test", null, owner.auth())));
            }
            for (Future<Http.Response> test : tests) {
                Http.Response answer = test.get();
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.json().get("status").asString())
                        .as(answer.body())
                        .isEqualTo("delivered");
            }
        } finally {
            pool.shutdown();
            LINKEDIN.refreshDelay(0);
        }
        assertThat(LINKEDIN.refreshes.get() - refreshes).isEqualTo(1);
        JsonNode connection = channel(channel).get("connection");
        assertThat(connection.get("status").asString()).isEqualTo("connected");
        assertThat(Instant.parse(connection.get("expiresAt").asString()))
                .isAfter(Instant.now().plus(Duration.ofDays(59)));
        assertThat(LINKEDIN.problems).isEmpty();
    }

    @Test
    void aRefusedTokenMarksTheConnectionAndFailsThePostForGood() throws Exception {
        LINKEDIN.nextMember("revokedMember1");
        String channel = connect(linkedInChannel());
        LINKEDIN.revoke("revokedMember1");
        int posts = LINKEDIN.posts.size();

        publish("Posted after the member revoked the app");
        JsonNode delivery = finishedDelivery(channel);
        assertThat(delivery.get("status").asString()).as(delivery.toString()).isEqualTo("exhausted");
        JsonNode attempts = http.get(
                        base() + "/deliveries/" + delivery.get("deliveryId").asString(), owner.auth())
                .json()
                .get("attempts");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("status").asInt()).isEqualTo(401);
        assertThat(attempts.get(0).get("error").asString()).isEqualTo("needs_reconnect");
        assertThat(LINKEDIN.posts).hasSize(posts);
        assertThat(channel(channel).get("connection").get("status").asString()).isEqualTo("needsReconnect");

        Http.Response test = http.post(base() + "/channels/" + channel + "/test", null, owner.auth());
        assertThat(test.json().get("error").asString()).isEqualTo("needs_reconnect");

        connect(channel); // reconnecting as another member works again
        assertThat(channel(channel).get("connection").get("status").asString()).isEqualTo("connected");
    }

    String statusOfPost(String postId) {
        return http.get(base() + "/posts/" + postId, owner.auth())
                .json()
                .get("integrationObjects")
                .get(0)
                .get("status")
                .asString();
    }

    @Test
    void aComposedPostGoesOutAsTheMemberAndARefusedConnectionFailsItWithThatReason() throws Exception {
        LINKEDIN.nextMember("composerMember1");
        String channel = connect(linkedInChannel());
        int before = LINKEDIN.posts.size();
        Http.Response made = http.post(
                base() + "/posts",
                Map.of("channels", List.of(Map.of("channelId", channel, "text", "Open house on Saturday"))),
                owner.auth());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String posted = made.json().get("postId").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> "published".equals(statusOfPost(posted)));
        assertThat(LINKEDIN.posts).hasSize(before + 1);

        LINKEDIN.revoke("composerMember1");
        String refused = http.post(
                        base() + "/posts",
                        Map.of("channels", List.of(Map.of("channelId", channel, "text", "After the revocation"))),
                        owner.auth())
                .json()
                .get("postId")
                .asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(statusOfPost(refused)));
        assertThat(http.get(base() + "/posts/" + refused, owner.auth())
                        .json()
                        .get("integrationObjects")
                        .get(0)
                        .get("errorMessage")
                        .asString())
                .contains("needsReconnect");
        assertThat(LINKEDIN.posts).hasSize(before + 1);
    }

    @Test
    void disconnectingRemovesTheTokens() throws Exception {
        String channel = connect(linkedInChannel());
        assertThat(storedConnection(channel)).isNotNull();

        assertThat(http.delete(base() + "/channels/" + channel + "/connection", owner.auth())
                        .status())
                .isEqualTo(204);
        assertThat(channel(channel).get("connection").get("status").asString()).isEqualTo("disconnected");
        assertThat(storedConnection(channel)).isNull();
        Http.Response test = http.post(base() + "/channels/" + channel + "/test", null, owner.auth());
        assertThat(test.json().get("error").asString()).isEqualTo("needs_reconnect");
    }

    @Test
    void aStateOlderThanTenMinutesIsRefused() throws Exception {
        String channel = linkedInChannel();
        String callback = authorizeAtLinkedIn(channel);
        int tokenRequests = LINKEDIN.tokenRequests.get();
        SKEW.set(Duration.ofMinutes(10).plusSeconds(5));
        try {
            Http.Response late = callback(callback);
            assertThat(late.status()).as(late.body()).isEqualTo(400);
            assertThat(late.json().get("error").asString()).isEqualTo("invalid_state");
        } finally {
            SKEW.set(Duration.ZERO);
        }
        assertThat(LINKEDIN.tokenRequests.get()).isEqualTo(tokenRequests);
        assertThat(channel(channel).get("connection").get("status").asString()).isEqualTo("disconnected");
    }

    @Test
    void anOwnerConnectsInThePortalAndIsAskedToReconnectAfterARefusal() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            browser.open("/app/login?next=%2Fapp%2Fchannels");
            browser.type("#email", owner.email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitForPath("/app/channels");
            browser.find("#channels-empty");
            browser.click("#new-channel");
            new Select(browser.find("#channel-type")).selectByValue("linkedin");
            browser.find("#oauth-settings-help");
            browser.type("#channel-name", "Our LinkedIn");
            browser.click("#save-channel");
            browser.find("#channels .channel-connection[data-status='disconnected']");

            LINKEDIN.nextMember("browserMember7");
            browser.click("#channels .connect-channel");
            browser.waitUntil(d -> !d.findElements(By.cssSelector("#connection-result[data-result='connected']"))
                    .isEmpty());
            assertThat(browser.path()).isEqualTo("/app/channels");
            browser.find("#channels .channel-connection[data-status='connected']");
            assertThat(browser.find("#channels .channel-connection").getText()).contains("Ada Lovelace");
            browser.find("#channels .disconnect-channel");
            browser.screenshot("channels-connected");

            String channel = http.get(base() + "/channels", owner.auth())
                    .json()
                    .get(0)
                    .get("_id")
                    .asString();
            LINKEDIN.revoke("browserMember7");
            assertThat(http.post(base() + "/channels/" + channel + "/test", null, owner.auth())
                            .json()
                            .get("error")
                            .asString())
                    .isEqualTo("needs_reconnect");
            browser.open("/app/channels");
            browser.find("#channels .channel-connection[data-status='needsReconnect']");
            assertThat(browser.find("#channels .connect-channel").getText()).isEqualTo("Reconnect");
            assertThat(browser.severeConsoleMessages())
                    .as("script errors or CSP violations")
                    .isEmpty();
        }
    }

    @Test
    void aProviderThatFailsTheExchangeLeavesTheChannelDisconnectedWithoutA5xx(CapturedOutput output) throws Exception {
        String channel = linkedInChannel();
        for (Map.Entry<Integer, String> answer : List.of(
                Map.entry(500, "<html>upstream error access_token=leakedvalue123456789</html>"),
                Map.entry(200, "not json at all"),
                Map.entry(400, "{\"error\":\"invalid_grant\",\"error_description\":\"code expired\"}"))) {
            String callback = authorizeAtLinkedIn(channel);
            LINKEDIN.nextTokenAnswer(answer.getKey(), answer.getValue());
            Http.Response back = callback(callback);
            assertThat(back.status()).as(answer.getValue()).isEqualTo(303);
            assertThat(back.header("Location")).isEqualTo("/app/channels?connection=failed&channel=" + channel);
            assertThat(channel(channel).get("connection").get("status").asString())
                    .isEqualTo("disconnected");
        }
        assertThat(storedConnection(channel)).isNull();
        assertThat(output.getAll()).doesNotContain("leakedvalue123456789");
    }

    @Test
    void deletingAChannelDeletesItsTokens() throws Exception {
        String channel = connect(linkedInChannel());
        assertThat(storedConnection(channel)).isNotNull();
        assertThat(http.delete(base() + "/channels/" + channel, owner.auth()).status())
                .isEqualTo(204);
        assertThat(storedConnection(channel)).isNull();
    }

    @Test
    void aComposedPostWithAnImageUploadsItThenPostsItWithItsAltText() throws Exception {
        LINKEDIN.nextMember("imageMember3");
        String channel = connect(linkedInChannel());
        ChannelAdapter linkedIn = adapters.of(ChannelType.LINKEDIN);
        assertThat(linkedIn.social()).isTrue();
        assertThat(linkedIn.idempotent()).isFalse();
        ChannelTarget target = channelService
                .target(groups.findById(group).orElseThrow().scope(), channel)
                .orElseThrow();
        assertThat(linkedIn.count(target, "é".repeat(3000), outbound).ok()).isTrue();
        assertThat(linkedIn.count(target, "é".repeat(3001), outbound).ok()).isFalse();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
        PostImage image = new PostImage("media/loaf.png", "image/png", png.length, "A loaf on a board", () -> png);
        assertThat(linkedIn.mediaRules().refusal(List.of(image))).isEmpty();
        assertThat(linkedIn.mediaRules().refusal(List.of(new PostImage("m/a.webp", "image/webp", 10, "", () -> png))))
                .isPresent();

        PostOutcome outcome = linkedIn.publish(
                target, new PostContent("Fresh today", List.of(image), Instant.now()), "del_test", outbound);

        assertThat(outcome.response().status()).isEqualTo(201);
        assertThat(outcome.externalPostId()).startsWith("urn:li:share:");
        assertThat(outcome.permalink())
                .isEqualTo("https://www.linkedin.com/feed/update/" + outcome.externalPostId() + "/");
        FakeLinkedIn.Post post = LINKEDIN.posts.get(LINKEDIN.posts.size() - 1);
        String imageUrn = post.body().get("content").get("media").get("id").asString();
        assertThat(LINKEDIN.images.get(imageUrn)).isEqualTo(png);
        assertThat(post.body().get("content").get("media").get("altText").asString())
                .isEqualTo("A loaf on a board");
        assertThat(LINKEDIN.problems).isEmpty();
    }
}
