package io.vivreal.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.RecordingServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Two packaged servers sharing one store, 1,000 items whose publish time falls in the same second,
 * two webhook channels: every receiver gets every publication exactly once by {@code webhook-id}
 * within 60 s. Then, on the same pair, a second group does the same and the second instance is
 * killed with SIGKILL while it holds a channel: nothing is missing, and a repeat carries the same
 * {@code webhook-id} (the count is reported).
 */
class DeliveryAtScaleIT {

    private static final int ITEMS = 1000;

    record Result(int missing, int duplicates, Duration lastArrival, Duration writing) {}

    @Test
    void twoInstancesDeliverEveryPublicationOnceEvenWhenOneIsKilledMidRun() throws Exception {
        Path dataDir =
                Path.of("target", "it-data", "delivery-" + UUID.randomUUID()).toAbsolutePath();
        Map<String, String> env = Map.of(
                "VIVREAL_OUTBOUND_ALLOWLIST", "127.0.0.1",
                "VIVREAL_DELIVERY_LEASE", "10s",
                "VIVREAL_PUBLIC_URL", "http://vivreal.test",
                "VIVREAL_LOGIN_ATTEMPTS_PER_ADDRESS", "1000",
                "VIVREAL_LOGIN_ATTEMPTS_PER_ACCOUNT", "1000",
                "VIVREAL_SELF_SERVICE_TIERS", "free,pro");
        try (ServerProcess one = ServerProcess.start(dataDir, env).awaitHealthy()) {
            String storePort =
                    Files.readString(dataDir.resolve("embedded-store.port")).strip();
            Map<String, String> secondEnv = new HashMap<>(env);
            secondEnv.put("VIVREAL_MONGODB_URI", "mongodb://127.0.0.1:" + storePort);
            try (ServerProcess two = ServerProcess.start(dataDir, secondEnv).awaitHealthy();
                    MongoClient store = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
                MongoCollection<Document> lanes = store.getDatabase("vivreal").getCollection("delivery_lanes");

                Result both = run(one, two, lanes, false, Duration.ofSeconds(40));
                System.out.println("[DeliveryAtScaleIT] two instances: " + ITEMS + " items written in "
                        + both.writing().toMillis() + " ms; last delivery "
                        + both.lastArrival().toMillis()
                        + " ms after the publish second");
                assertThat(both.missing()).as("missing deliveries").isZero();
                assertThat(both.duplicates()).as("repeated webhook-ids").isZero();
                assertThat(both.lastArrival())
                        .as("last delivery after the publish second")
                        .isLessThan(Duration.ofSeconds(60));

                Duration lead = both.writing().multipliedBy(3).dividedBy(2).plusSeconds(5);
                Result killed = run(one, two, lanes, true, lead);
                System.out.println("[DeliveryAtScaleIT] after SIGKILL: " + killed.duplicates()
                        + " repeated deliveries, each with the webhook-id of its first arrival; last arrival "
                        + killed.lastArrival().toSeconds() + " s after the publish second");
                assertThat(killed.missing()).as("missing deliveries").isZero();
            }
        }
    }

    /** One group, two webhook channels, {@link #ITEMS} items going live in one second. */
    private Result run(
            ServerProcess one, ServerProcess two, MongoCollection<Document> lanes, boolean killTwo, Duration lead)
            throws Exception {
        try (RecordingServer first = new RecordingServer();
                RecordingServer second = new RecordingServer()) {
            Fixtures fixtures = new Fixtures(one.http);
            Fixtures.User owner = fixtures.user();
            Http.Response made = one.http.post("/api/groups", Map.of("name", "Scale", "tier", "pro"), owner.auth());
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            String group = made.json().get("groupID").asString();
            String type = contentType(one.http, owner, group);
            channel(one.http, owner, group, first.url("/one"));
            channel(two.http, owner, group, second.url("/two"));

            Instant writing = Instant.now();
            Instant publishAt = writing.plus(lead).truncatedTo(ChronoUnit.SECONDS);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<Integer>> created = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                Http http = i % 2 == 0 ? one.http : two.http;
                int n = i;
                created.add(writers.submit(() -> http.post(
                                "/api/groups/" + group + "/content-types/" + type + "/items",
                                Map.of(
                                        "objectValue",
                                        Map.of("title", "Item " + n),
                                        "publishDate",
                                        publishAt.plusMillis(n % 1000).toString()),
                                owner.auth())
                        .status()));
            }
            for (Future<Integer> status : created) {
                assertThat(status.get()).isEqualTo(201);
            }
            writers.shutdown();
            Duration wrote = Duration.between(writing, Instant.now());
            assertThat(Instant.now())
                    .as("all items written before their publish second")
                    .isBefore(publishAt);

            Instant deadline = publishAt.plusSeconds(killTwo ? 150 : 60);
            boolean killed = false;
            while (Instant.now().isBefore(deadline) && (distinct(first) < ITEMS || distinct(second) < ITEMS)) {
                if (killTwo
                        && !killed
                        && distinct(first) + distinct(second) > ITEMS / 4
                        && holdsALane(lanes, two.pid())) {
                    two.kill9(); // while it holds a channel: the other instance must take it over
                    killed = true;
                }
                Thread.sleep(100);
            }
            if (killTwo) {
                assertThat(killed).as("killed mid-run").isTrue();
            }
            Thread.sleep(2000); // late repeats would show now
            int missing = (ITEMS - distinct(first)) + (ITEMS - distinct(second));
            int duplicates = (first.requests.size() - distinct(first)) + (second.requests.size() - distinct(second));
            return new Result(missing, duplicates, Duration.between(publishAt, lastArrivalOf(first, second)), wrote);
        }
    }

    /** Whether the instance with this process id holds a channel's lease now. */
    private static boolean holdsALane(MongoCollection<Document> lanes, long pid) {
        for (Document lane : lanes.find()) {
            Object owner = lane.get("leaseOwner");
            Date until = lane.getDate("leaseUntil");
            if (owner instanceof String id
                    && id.startsWith(pid + "-")
                    && until != null
                    && until.toInstant().isAfter(Instant.now())) {
                return true;
            }
        }
        return false;
    }

    private static Instant lastArrivalOf(RecordingServer a, RecordingServer b) {
        Instant latest = Instant.EPOCH;
        for (RecordingServer server : List.of(a, b)) {
            for (RecordingServer.Request request : server.requests) {
                if (request.at().isAfter(latest)) {
                    latest = request.at();
                }
            }
        }
        return latest;
    }

    private static int distinct(RecordingServer server) {
        Set<String> ids = new HashSet<>();
        for (RecordingServer.Request request : server.requests) {
            ids.add(request.header("webhook-id"));
        }
        return ids.size();
    }

    private static String contentType(Http http, Fixtures.User owner, String group) {
        Http.Response created = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of("name", "Posts", "fields", List.of(Map.of("name", "title", "type", "text", "required", true))),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    private static void channel(Http http, Fixtures.User owner, String group, String url) {
        Http.Response created = http.post(
                "/api/groups/" + group + "/channels",
                Map.of(
                        "type",
                        "webhook",
                        "name",
                        "Receiver " + url,
                        "settings",
                        Map.of("url", url, "signingSecret", "whsec_c2NhbGUtdGVzdC1rZXktMDEyMzQ1Njc4OQ==")),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
