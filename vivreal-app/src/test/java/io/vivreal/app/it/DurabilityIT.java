package io.vivreal.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server on the embedded store: acknowledged writes survive {@code kill -9}, the
 * operator command reaches a running server, and no plaintext key or secret value ever reaches the
 * data directory or the logs.
 */
class DurabilityIT {

    // a fixed public URL keeps the token issuer the same across restarts on new ports
    private static final Map<String, String> FIXED_ISSUER = Map.of("VIVREAL_PUBLIC_URL", "http://localhost:18998");
    private static final String ROUTE = "/tenant/collectionObjects?collectionId=0123456789abcdef01234567";

    @Test
    void acknowledgedWritesSurviveKillDashNineAndNothingSecretIsWritten() throws Exception {
        Path dataDir =
                Path.of("target", "it-data", "durability-" + UUID.randomUUID()).toAbsolutePath();
        List<String> plaintextKeys = new ArrayList<>();
        String group;
        String email;
        String currentKey;
        String logs;
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of()).awaitHealthy()) {
            Fixtures fixtures = new Fixtures(server.http, dataDir.resolve("mail"));
            Fixtures.User owner = fixtures.user();
            Fixtures.User member = fixtures.user();
            email = owner.email();
            group = fixtures.group(owner);
            fixtures.addMember(owner, group, member, "editor");
            plaintextKeys.add(fixtures.apiKey(owner, group));
            assertThat(server.http
                            .get(ROUTE, "Authorization", plaintextKeys.get(0))
                            .status())
                    .isEqualTo(200);
            Http.Response regenerated =
                    server.http.post("/api/groups/" + group + "/api-key/regenerate", null, owner.auth());
            assertThat(regenerated.status()).isEqualTo(200);
            // killed right after the acknowledgement: well inside the store's one-second background commit
            server.kill9();
            currentKey = regenerated.json().get("apiKey").asString();
            plaintextKeys.add(currentKey);
            logs = server.output();
        }

        try (ServerProcess restarted = ServerProcess.start(dataDir, Map.of()).awaitHealthy()) {
            Http.Response login =
                    restarted.http.post("/auth/login", Map.of("email", email, "password", Fixtures.PASSWORD));
            assertThat(login.status()).isEqualTo(200);
            String token = login.json().get("idToken").asString();
            Http.Response members =
                    restarted.http.get("/api/groups/" + group + "/members", "Authorization", "Bearer " + token);
            assertThat(members.status()).isEqualTo(200);
            assertThat(members.json().size()).isEqualTo(2);
            assertThat(restarted.http.get(ROUTE, "Authorization", currentKey).status())
                    .isEqualTo(200);
            assertThat(restarted
                            .http
                            .get(ROUTE, "Authorization", plaintextKeys.get(0))
                            .status())
                    .isEqualTo(403);

            ServerProcess.Result frozen = ServerProcess.run(dataDir, Map.of(), "admin", "freeze", group);
            assertThat(frozen.exitCode()).as(frozen.output()).isZero();
            assertThat(frozen.output()).contains("frozen=true");
            Thread.sleep(1100);
            assertThat(restarted.http.get(ROUTE, "Authorization", currentKey).status())
                    .isEqualTo(402);
            logs += restarted.output() + frozen.output();
        }

        // the verification link (a credential) went to the outbox, never to a log line
        assertThat(logs).contains("mail written to the development outbox").doesNotContain("verify-email?token=");
        assertThat(filesUnder(dataDir.resolve("secrets"))).hasSize(4);
        List<String> secrets = secretValues(dataDir.resolve("secrets"));
        for (String forbidden : concat(plaintextKeys, secrets)) {
            assertThat(logs).as("logs").doesNotContain(forbidden);
            for (Path file : filesUnder(dataDir)) {
                if (file.startsWith(dataDir.resolve("secrets"))) {
                    continue;
                }
                assertThat(contains(Files.readAllBytes(file), forbidden.getBytes(StandardCharsets.UTF_8)))
                        .as("%s contains a secret", file)
                        .isFalse();
            }
        }
        for (String key : plaintextKeys) {
            for (Path file : filesUnder(dataDir.resolve("secrets"))) {
                assertThat(Files.readString(file)).doesNotContain(key);
            }
        }
    }

    @Test
    void everyItemAcknowledgedToEightConcurrentWritersSurvivesKillDashNine() throws Exception {
        Path dataDir = Path.of("target", "it-data", "durability-writers-" + UUID.randomUUID())
                .toAbsolutePath();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Fixtures.User owner;
        String items;
        String group;
        try (ServerProcess server = ServerProcess.start(dataDir, FIXED_ISSUER).awaitHealthy()) {
            Fixtures fixtures = new Fixtures(server.http, dataDir.resolve("mail"));
            owner = fixtures.user();
            group = fixtures.group(owner);
            ServerProcess.Result tier = ServerProcess.run(dataDir, FIXED_ISSUER, "admin", "set-tier", group, "pro");
            assertThat(tier.exitCode()).as(tier.output()).isZero();
            String type = server.http
                    .post(
                            "/api/groups/" + group + "/content-types",
                            Map.of("name", "Shows", "fields", List.of(Map.of("name", "title", "type", "text"))),
                            owner.auth())
                    .json()
                    .get("_id")
                    .asString();
            items = "/api/groups/" + group + "/content-types/" + type + "/items";
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    for (int n = 0; writing.get(); n++) {
                        try {
                            Http.Response item = server.http.post(
                                    items,
                                    Map.of("objectValue", Map.of("title", "Writer " + writer + " item " + n)),
                                    owner.auth());
                            if (item.status() == 201) {
                                acknowledged.add(item.json().get("_id").asString());
                            }
                        } catch (RuntimeException killed) {
                            return; // the server died under this request: it was not acknowledged
                        }
                    }
                });
                thread.start();
                writers.add(thread);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            server.kill9();
            writing.set(false);
            for (Thread thread : writers) {
                thread.join(30_000);
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

        try (ServerProcess restarted =
                ServerProcess.start(dataDir, FIXED_ISSUER).awaitHealthy()) {
            Set<String> stored = new HashSet<>();
            for (int skip = 0; ; skip += 100) {
                JsonNode page = restarted
                        .http
                        .get(items + "?limit=100&skip=" + skip, owner.auth())
                        .json();
                page.get("items").forEach(item -> stored.add(item.get("_id").asString()));
                if (page.get("items").size() < 100) {
                    break;
                }
            }
            assertThat(stored).as("items acknowledged before the kill").containsAll(acknowledged);
            // an item write is several store writes sharing one durable wait (CommitBatch): the
            // version record and the audit entry of every acknowledged item are there as well
            Set<String> audited = new HashSet<>();
            for (int skip = 0; ; skip += 200) {
                JsonNode page = restarted
                        .http
                        .get("/api/groups/" + group + "/audit?limit=200&skip=" + skip, owner.auth())
                        .json();
                page.forEach(entry -> {
                    if (entry.get("action").asString().equals("item.created")) {
                        audited.add(entry.get("entityId").asString());
                    }
                });
                if (page.size() < 200) {
                    break;
                }
            }
            assertThat(audited).as("audit entries of acknowledged items").containsAll(acknowledged);
            for (String id : acknowledged) {
                JsonNode versions = restarted
                        .http
                        .get(items + "/" + id + "/versions", owner.auth())
                        .json();
                assertThat(versions.size()).as("versions of %s", id).isEqualTo(1);
                assertThat(versions.get(0).get("version").asInt()).isEqualTo(1);
            }
        }
    }

    /** Every secret value, and every long part of compound ones (key ring entries, key pair halves). */
    private static List<String> secretValues(Path secretsDir) throws IOException {
        List<String> values = new ArrayList<>();
        for (Path file : filesUnder(secretsDir)) {
            String value = Files.readString(file).strip().replaceFirst("^dev-generated:", "");
            values.add(value);
            for (String part : value.split("[,.:]")) {
                if (part.length() >= 20) {
                    values.add(part);
                }
            }
        }
        return values;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
