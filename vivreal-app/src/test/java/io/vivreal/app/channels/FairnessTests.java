package io.vivreal.app.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vivreal.app.support.ContentFixtures;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.RecordingServer;
import io.vivreal.app.support.ServerTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One group's hanging receivers cannot hold back another group: group A has 20 channels pointing
 * at a server that accepts connections and never answers; group B's receiver still gets each of
 * 50 publications within 5 s (p99), while A's deliveries keep retrying on schedule.
 */
class FairnessTests extends ServerTest {

    @Test
    void aGroupWithTwentyHangingReceiversCannotDelayAnotherGroupsDeliveries() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket hanging = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
                RecordingServer bReceiver = new RecordingServer()) {
            Thread acceptor = new Thread(() -> {
                while (!hanging.isClosed()) {
                    try {
                        held.add(hanging.accept()); // accepted, never read, never answered
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ContentFixtures content = new ContentFixtures(http);

            Fixtures.User a = fixtures.user();
            String groupA = fixtures.group(a);
            String typeA = content.contentType(a, groupA, "A posts");
            List<String> aChannels = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                aChannels.add(webhook(a, groupA, "http://127.0.0.1:" + hanging.getLocalPort() + "/hook/" + i));
            }
            content.item(a, groupA, typeA, "A's news", Instant.now(), false, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> held.size() >= 3);

            Fixtures.User b = fixtures.user();
            String groupB = fixtures.group(b);
            String typeB = content.contentType(b, groupB, "B posts");
            webhook(b, groupB, bReceiver.url("/b"));
            List<Duration> latencies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int before = bReceiver.requests.size();
                Instant published = Instant.now();
                content.item(b, groupB, typeB, "B " + i, published, false, 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> bReceiver.requests.size() > before);
                latencies.add(Duration.between(
                        published, bReceiver.requests.get(before).at()));
            }
            latencies.sort(null);
            Duration p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
            System.out.println("[FairnessTests] group B publish-to-delivered with 20 hanging receivers in group A: p50 "
                    + latencies.get(latencies.size() / 2).toMillis() + " ms, p99 " + p99.toMillis() + " ms");
            assertThat(p99).isLessThan(Duration.ofSeconds(5));

            // A's deliveries were tried, timed out after 15 s, and wait for the schedule's next step
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/api/groups/" + groupA + "/deliveries?status=retrying", a.auth())
                                    .json()
                                    .get("deliveries")
                                    .size()
                            >= 3);
            Http.Response log = http.get("/api/groups/" + groupA + "/deliveries?limit=100", a.auth());
            List<JsonNode> retried = new ArrayList<>();
            log.json().get("deliveries").forEach(d -> {
                if (d.get("status").asString().equals("retrying")) {
                    retried.add(d);
                }
            });
            assertThat(retried).isNotEmpty();
            for (JsonNode delivery : retried) {
                JsonNode attempts = delivery.get("attempts");
                JsonNode last = attempts.get(attempts.size() - 1);
                assertThat(last.get("error").asString()).isEqualTo("timeout");
                assertThat(last.get("durationMs").asLong()).isBetween(14_000L, 17_000L);
                Instant ended = Instant.parse(last.get("at").asString())
                        .plusMillis(last.get("durationMs").asLong());
                Duration wait = Duration.between(
                        ended, Instant.parse(delivery.get("nextAttemptAt").asString()));
                Duration expected = attempts.size() == 1 ? Duration.ofSeconds(5) : Duration.ofMinutes(5);
                assertThat(wait).isBetween(expected.multipliedBy(85).dividedBy(100), expected.plusMillis(100));
            }
            for (String channel : aChannels) {
                http.delete("/api/groups/" + groupA + "/channels/" + channel, a.auth());
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private String webhook(Fixtures.User owner, String group, String url) {
        Http.Response made = http.post(
                "/api/groups/" + group + "/channels",
                Map.of(
                        "type", "webhook",
                        "name", "Receiver",
                        "settings",
                                Map.of("url", url, "signingSecret", "whsec_ZmFpcm5lc3MtdGVzdC1rZXktMDEyMzQ1Njc4OQ==")),
                owner.auth());
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().get("_id").asString();
    }
}
