package io.vivreal.app.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.RecordingServer;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.crypto.CredentialCipher;
import io.vivreal.core.crypto.EncryptedField;
import io.vivreal.core.crypto.EncryptedFieldStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** Channels through the Management API: encrypted secrets, masked answers, exact deliveries. */
@ExtendWith(OutputCaptureExtension.class)
class ChannelsTests extends ServerTest {

    static final String WHSEC =
            "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Autowired
    MongoClient mongo;

    @Autowired
    List<EncryptedFieldStore> stores;

    @Autowired
    CredentialCipher cipher;

    Fixtures.User owner;
    String group;
    RecordingServer remote;

    @BeforeEach
    void groupAndRemote() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        remote = new RecordingServer();
    }

    @AfterEach
    void stopRemote() {
        remote.close();
    }

    String path(String rest) {
        return "/api/groups/" + group + "/channels" + rest;
    }

    static Map<String, Object> channel(String type, Map<String, Object> settings) {
        return Map.of("type", type, "name", "x", "settings", settings);
    }

    Http.Response create(Map<String, Object> channel) {
        return http.post(path(""), channel, owner.auth());
    }

    String webhook(String secret) {
        Http.Response created = create(Map.of(
                "type",
                "webhook",
                "name",
                "Site rebuild",
                "settings",
                Map.of("url", remote.url("/hook"), "signingSecret", secret)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    JsonNode sendTest(String channelId) {
        Http.Response tested = http.post(path("/" + channelId + "/test"), null, owner.auth());
        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        return tested.json();
    }

    @Test
    void aWebhookDeliveryIsSignedWithTheStandardWebhooksScheme() throws Exception {
        String id = webhook(WHSEC);
        JsonNode result = sendTest(id);
        assertThat(result.get("status").asString()).isEqualTo("delivered");

        RecordingServer.Request request = remote.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        String webhookId = request.header("webhook-id");
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertThat(webhookId).startsWith("msg_");
        assertThat(timestamp)
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        byte[] key = Base64.getDecoder().decode(WHSEC.substring("whsec_".length()));
        assertThat(request.header("webhook-signature"))
                .isEqualTo("v1," + hmac(key, webhookId + "." + timestamp + "." + request.body()));
        JsonNode body = Http.JSON.readTree(request.body());
        assertThat(body.get("type").asString()).isEqualTo("vivreal.test");
        assertThat(body.get("data").get("channel").asString()).isEqualTo("Site rebuild");
    }

    @Test
    void aSecretWithoutThePrefixSignsWithItsUtf8Bytes() throws Exception {
        String secret = "plain shared secret ✓";
        sendTest(webhook(secret));
        RecordingServer.Request request = remote.last();
        assertThat(request.header("webhook-signature"))
                .isEqualTo("v1,"
                        + hmac(
                                secret.getBytes(StandardCharsets.UTF_8),
                                request.header("webhook-id") + "." + request.header("webhook-timestamp") + "."
                                        + request.body()));
    }

    @Test
    void slackDiscordMastodonAndCustomSendTheirExactRequests() {
        Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
        channels.put("slack", Map.of("webhookUrl", remote.url("/services/T000/B000/XXXXSECRETXXXX")));
        channels.put("discord", Map.of("webhookUrl", remote.url("/api/webhooks/1/SECRETTOKEN123")));
        channels.put("mastodon", Map.of("instanceUrl", remote.url("/"), "accessToken", "mastodon-token-123456"));
        channels.put(
                "custom",
                Map.of("url", remote.url("/custom"), "secretHeaders", Map.of("X-Api-Key", "custom-key-987654")));
        for (Map.Entry<String, Map<String, Object>> channel : channels.entrySet()) {
            Http.Response created =
                    create(Map.of("type", channel.getKey(), "name", channel.getKey(), "settings", channel.getValue()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(sendTest(created.json().get("_id").asString())
                            .get("status")
                            .asString())
                    .isEqualTo("delivered");
            RecordingServer.Request request = remote.last();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Content-Type")).isEqualTo("application/json");
            JsonNode body = Http.JSON.readTree(request.body());
            switch (channel.getKey()) {
                case "slack" -> {
                    assertThat(request.path()).isEqualTo("/services/T000/B000/XXXXSECRETXXXX");
                    assertThat(body.get("text").asString()).contains("Test message");
                }
                case "discord" -> {
                    assertThat(request.path()).isEqualTo("/api/webhooks/1/SECRETTOKEN123");
                    assertThat(body.get("content").asString()).contains("Test message");
                }
                case "mastodon" -> {
                    assertThat(request.path()).isEqualTo("/api/v1/statuses");
                    assertThat(request.header("Authorization")).isEqualTo("Bearer mastodon-token-123456");
                    assertThat(body.get("status").asString()).contains("Test message");
                    assertThat(body.get("visibility").asString()).isEqualTo("direct");
                }
                default -> {
                    assertThat(request.path()).isEqualTo("/custom");
                    assertThat(request.header("X-Api-Key")).isEqualTo("custom-key-987654");
                    assertThat(body.get("type").asString()).isEqualTo("vivreal.test");
                }
            }
        }
    }

    @Test
    void aTestSaysOnlyDeliveredOrNotSoItCannotScanPortsAndRedirectsAreNotFollowed() {
        String id = webhook(WHSEC);
        remote.status.set(500);
        JsonNode failed = sendTest(id);
        remote.status.set(302);
        int before = remote.requests.size();
        JsonNode redirected = sendTest(id);
        assertThat(remote.requests).hasSize(before + 1);
        assertThat(remote.requests.stream().map(RecordingServer.Request::path)).doesNotContain("/redirected");
        remote.close();
        JsonNode unreachable = sendTest(id);

        for (JsonNode answer : List.of(failed, redirected, unreachable)) {
            assertThat(answer.toString())
                    .as("an answered 500, a redirect and a closed port look the same")
                    .isEqualTo("{\"status\":\"failed\",\"error\":\"not_delivered\"}");
        }
    }

    @Test
    void testSendsAreLimitedPerChannel() {
        String limited = webhook(WHSEC);
        String other = webhook(WHSEC);
        for (int i = 0; i < 10; i++) {
            sendTest(limited);
        }

        Http.Response refused = http.post(path("/" + limited + "/test"), null, owner.auth());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(sendTest(other).get("status").asString()).isEqualTo("delivered");
    }

    @Test
    void answersShowSecretsOnlyAsMaskedHints() {
        String id = webhook(WHSEC);
        for (Http.Response answer : List.of(
                http.get(path(""), owner.auth()),
                http.get(path("/" + id), owner.auth()),
                http.put(path("/" + id), Map.of("name", "Renamed"), owner.auth()))) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).doesNotContain(WHSEC).doesNotContain(WHSEC.substring(6, 30));
        }
        JsonNode channel = http.get(path("/" + id), owner.auth()).json();
        assertThat(channel.get("settings").get("signingSecret").asString())
                .isEqualTo("****" + WHSEC.substring(WHSEC.length() - 4));
        assertThat(channel.get("settings").get("url").asString()).isEqualTo(remote.url("/hook"));
    }

    @Test
    void aSecretLeftOutOfAnUpdateOrSentBackMaskedKeepsItsValue() throws Exception {
        String id = webhook(WHSEC);
        String hint = http.get(path("/" + id), owner.auth())
                .json()
                .get("settings")
                .get("signingSecret")
                .asString();
        assertThat(http.put(path("/" + id), Map.of("name", "Renamed"), owner.auth())
                        .status())
                .isEqualTo(200);
        assertThat(http.put(path("/" + id), Map.of("settings", Map.of("signingSecret", hint)), owner.auth())
                        .status())
                .isEqualTo(200);
        assertThat(http.put(path("/" + id), Map.of("settings", Map.of("url", remote.url("/moved"))), owner.auth())
                        .status())
                .isEqualTo(200);
        sendTest(id);
        RecordingServer.Request request = remote.last();
        assertThat(request.path()).isEqualTo("/moved");
        byte[] key = Base64.getDecoder().decode(WHSEC.substring("whsec_".length()));
        assertThat(request.header("webhook-signature"))
                .isEqualTo("v1,"
                        + hmac(
                                key,
                                request.header("webhook-id") + "." + request.header("webhook-timestamp") + "."
                                        + request.body()));

        String replaced = "whsec_" + Base64.getEncoder().encodeToString("another key, 32 bytes long!!!!!!".getBytes());
        http.put(path("/" + id), Map.of("settings", Map.of("signingSecret", replaced)), owner.auth());
        sendTest(id);
        request = remote.last();
        assertThat(request.header("webhook-signature"))
                .isEqualTo("v1,"
                        + hmac(
                                Base64.getDecoder().decode(replaced.substring(6)),
                                request.header("webhook-id") + "." + request.header("webhook-timestamp") + "."
                                        + request.body()));
    }

    @Test
    void onlyOwnersAndAdminsManageChannelsAndOtherGroupsChannelsAreNotFound() {
        String id = webhook(WHSEC);
        Fixtures.User editor = fixtures.user();
        fixtures.addMember(owner, group, editor, "editor");
        assertThat(http.get(path(""), editor.auth()).status()).isEqualTo(403);
        assertThat(http.get(path("/" + id), editor.auth()).status()).isEqualTo(403);
        assertThat(http.post(path("/" + id + "/test"), null, editor.auth()).status())
                .isEqualTo(403);
        Fixtures.User admin = fixtures.user();
        fixtures.addMember(owner, group, admin, "admin");
        assertThat(http.get(path("/" + id), admin.auth()).status()).isEqualTo(200);

        Fixtures.User stranger = fixtures.user();
        String otherGroup = fixtures.group(stranger);
        assertThat(http.get("/api/groups/" + otherGroup + "/channels/" + id, stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/api/groups/" + otherGroup + "/channels/" + id + "/test", null, stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/groups/" + otherGroup + "/channels/" + id, stranger.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.get(path("/" + id), owner.auth()).status()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedWithAClear400AndNothingIsStored() {
        String hook = remote.url("/x");
        List<Map<String, Object>> refused = List.of(
                channel("carrier-pigeon", Map.of()),
                channel("webhook", Map.of("url", "ftp://example.com/x", "signingSecret", WHSEC)),
                channel("webhook", Map.of("url", "file:///etc/passwd", "signingSecret", WHSEC)),
                channel("webhook", Map.of("url", hook)),
                channel("webhook", Map.of("url", hook, "signingSecret", "a\r\nX-Injected: 1")),
                channel("webhook", Map.of("url", hook, "signingSecret", "s".repeat(5000))),
                channel("webhook", Map.of("url", hook, "signingSecret", WHSEC, "extra", "1")),
                channel("custom", Map.of("url", hook, "secretHeaders", Map.of("Host", "evil"))),
                channel("slack", Map.of("webhookUrl", 42)),
                Map.of("type", "webhook", "name", "x", "groupID", "x", "settings", Map.of()));
        for (Map<String, Object> body : refused) {
            Http.Response answer = create(body);
            assertThat(answer.status()).as(body.toString()).isEqualTo(400);
            assertThat(answer.json().get("message").asString())
                    .as(body.toString())
                    .isNotBlank();
            assertThat(answer.body()).doesNotContain("Exception");
        }
        Http.Response loneSurrogate = http.send(
                "POST",
                path(""),
                "{\"type\":\"webhook\",\"name\":\"x\",\"settings\":{\"url\":\"" + remote.url("/x")
                        + "\",\"signingSecret\":\"abc\\ud800def\"}}",
                owner.auth());
        assertThat(loneSurrogate.status()).isEqualTo(400);
        assertThat(http.get(path(""), owner.auth()).json().size()).isZero();
    }

    @Test
    void privateLoopbackLinkLocalAndMetadataAddressesAreRefused() {
        for (String url : List.of(
                "http://127.0.0.2/hook",
                "http://[::1]/hook",
                "http://10.0.0.1/hook",
                "http://192.168.1.10/hook",
                "http://172.16.5.4/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://0.0.0.0/hook",
                "http://[::ffff:10.0.0.1]/hook",
                "http://[fd00::1]/hook",
                "http://100.64.0.1/hook",
                "http://167772161/hook",
                "http://user:pass@example.com/hook")) {
            Http.Response answer = create(
                    Map.of("type", "webhook", "name", "x", "settings", Map.of("url", url, "signingSecret", WHSEC)));
            assertThat(answer.status()).as(url).isEqualTo(400);
            assertThat(answer.json().get("field").asString()).as(url).isEqualTo("settings.url");
        }
        Http.Response metadataAsSecretUrl = create(
                Map.of("type", "slack", "name", "x", "settings", Map.of("webhookUrl", "http://169.254.169.254/")));
        assertThat(metadataAsSecretUrl.status()).isEqualTo(400);
        assertThat(http.get(path(""), owner.auth()).json().size()).isZero();
    }

    @Test
    void noPlaintextSecretInTheStoreOrTheDataDirectory() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(("unique-" + System.nanoTime()).getBytes());
        String id = webhook(secret);
        create(Map.of(
                "type",
                "custom",
                "name",
                "c",
                "settings",
                Map.of("url", remote.url("/c"), "secretHeaders", Map.of("X-Token", "header-secret-" + id))));
        Document stored = channels().find(Filters.eq("_id", new ObjectId(id))).first();
        String signingSecret = stored.get("settings", Document.class).getString("signingSecret");
        assertThat(signingSecret).startsWith("enc:v1:");
        assertThat(stored.toJson()).doesNotContain(secret).doesNotContain(secret.substring(6, 20));
        for (Document document : channels().find()) {
            assertThat(document.toJson()).doesNotContain("header-secret-");
        }
        try (Stream<Path> files = Files.walk(DATA_DIR)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(secret).doesNotContain("header-secret-" + id);
            }
        }
    }

    @Test
    void swappingTwoGroupsCiphertextsMakesBothFailToDecrypt(CapturedOutput output) {
        String mine = webhook(WHSEC);
        Fixtures.User other = fixtures.user();
        String otherGroup = fixtures.group(other);
        Http.Response theirs = http.post(
                "/api/groups/" + otherGroup + "/channels",
                Map.of(
                        "type",
                        "webhook",
                        "name",
                        "Theirs",
                        "settings",
                        Map.of("url", remote.url("/theirs"), "signingSecret", "their-secret-0123456789")),
                other.auth());
        String theirId = theirs.json().get("_id").asString();
        String mineCipher = cipherOf(mine);
        String theirCipher = cipherOf(theirId);
        setCipher(mine, theirCipher);
        setCipher(theirId, mineCipher);

        Http.Response mineTest = http.post(path("/" + mine + "/test"), null, owner.auth());
        Http.Response theirTest =
                http.post("/api/groups/" + otherGroup + "/channels/" + theirId + "/test", null, other.auth());
        for (Http.Response answer : List.of(mineTest, theirTest)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.json().get("error").asString()).isEqualTo("credential_unreadable");
            assertThat(answer.json().get("field").asString()).isEqualTo("settings.signingSecret");
        }
        assertThat(output.getAll())
                .contains("channel " + mine + " of group " + group)
                .doesNotContain(WHSEC);
        // Nothing else is affected: a fresh channel of the same group still delivers.
        assertThat(sendTest(webhook(WHSEC)).get("status").asString()).isEqualTo("delivered");
        // Broken channels can still be deleted (and must be: the shared server's key rotation
        // tests expect a store without undecryptable values).
        assertThat(http.delete(path("/" + mine), owner.auth()).status()).isEqualTo(204);
        assertThat(http.delete("/api/groups/" + otherGroup + "/channels/" + theirId, other.auth())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aCorruptedCiphertextFailsEachDeliveryAttemptVisiblyAndSendsNothing() {
        String id = webhook(WHSEC);
        setCipher(id, "enc:v1:k1:not-base64!!");
        ContentFixtures content = new ContentFixtures(http);
        String type = content.contentType(owner, group, "Posts");
        content.item(owner, group, type, "Unsendable", Instant.now(), false, 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.get("/api/groups/" + group + "/deliveries?channelId=" + id, owner.auth())
                        .body()
                        .contains("credential_unreadable"));
        JsonNode delivery = http.get("/api/groups/" + group + "/deliveries?channelId=" + id, owner.auth())
                .json()
                .get("deliveries")
                .get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("retrying");
        assertThat(delivery.toString()).doesNotContain("not-base64");
        assertThat(remote.requests).isEmpty();
    }

    @Test
    void aCorruptedCiphertextIsAClear4xxNamingTheField(CapturedOutput output) {
        String id = webhook(WHSEC);
        setCipher(id, "enc:v1:k1:not-base64!!");
        Http.Response answer = http.post(path("/" + id + "/test"), null, owner.auth());
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("field").asString()).isEqualTo("settings.signingSecret");
        assertThat(output.getAll()).contains("channel " + id);
        assertThat(http.get(path("/" + id), owner.auth()).status()).isEqualTo(200);
        assertThat(http.delete(path("/" + id), owner.auth()).status()).isEqualTo(204);
    }

    @Test
    void theRotationSeesEveryChannelSecretUnderItsOwnBinding() {
        String webhookId = webhook(WHSEC);
        Http.Response custom = create(Map.of(
                "type",
                "custom",
                "name",
                "c",
                "settings",
                Map.of("url", remote.url("/c"), "secretHeaders", Map.of("X-Token", "header-secret-0123456789"))));
        String customId = custom.json().get("_id").asString();
        EncryptedFieldStore store = stores.stream()
                .filter(s -> s.name().equals("channel secrets"))
                .findFirst()
                .orElseThrow();
        // "not under" a key id no value has: every channel secret of every group is pending.
        List<EncryptedField> mine = new ArrayList<>();
        Optional<EncryptedField> after = Optional.empty();
        for (List<EncryptedField> batch = store.batchNotUnder("none", after, 3);
                !batch.isEmpty();
                batch = store.batchNotUnder("none", after, 3)) {
            batch.stream().filter(f -> f.binding().groupID().equals(group)).forEach(mine::add);
            after = Optional.of(batch.get(batch.size() - 1));
        }
        assertThat(mine)
                .extracting(f -> f.binding().recordId() + " " + f.path())
                .containsExactlyInAnyOrder(
                        webhookId + " settings.signingSecret", customId + " settings.secretHeaders.X-Token");
        for (EncryptedField field : mine) {
            String plain = cipher.decrypt(field.ciphertext(), field.binding());
            assertThat(plain).isIn(WHSEC, "header-secret-0123456789");
            String again = cipher.encrypt(plain, field.binding());
            assertThat(store.replace(field, again)).isTrue();
            assertThat(store.replace(field, again))
                    .as("compare-and-set on the value read")
                    .isFalse();
        }
        assertThat(store.countByKeyId()).containsKey(cipher.activeKeyId());
        // The channel still delivers with its re-encrypted secret.
        assertThat(sendTest(webhookId).get("status").asString()).isEqualTo("delivered");
    }

    private MongoCollection<Document> channels() {
        String dbKey = http.get("/api/groups/" + group, owner.auth())
                .json()
                .get("dbKey")
                .asString();
        return mongo.getDatabase(dbKey).getCollection("channels");
    }

    private MongoCollection<Document> channelsOf(String channelId) {
        for (String name : mongo.listDatabaseNames()) {
            MongoCollection<Document> collection = mongo.getDatabase(name).getCollection("channels");
            if (collection.find(Filters.eq("_id", new ObjectId(channelId))).first() != null) {
                return collection;
            }
        }
        throw new AssertionError("channel " + channelId + " not found in any database");
    }

    private String cipherOf(String channelId) {
        return channelsOf(channelId)
                .find(Filters.eq("_id", new ObjectId(channelId)))
                .first()
                .get("settings", Document.class)
                .getString("signingSecret");
    }

    private void setCipher(String channelId, String value) {
        channelsOf(channelId)
                .updateOne(Filters.eq("_id", new ObjectId(channelId)), Updates.set("settings.signingSecret", value));
    }

    private static String hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
