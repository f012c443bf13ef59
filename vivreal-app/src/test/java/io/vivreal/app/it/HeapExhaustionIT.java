package io.vivreal.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.media.MediaFiles;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The outside review's heap attack, replayed against the packaged server in {@code -Xmx256m}: a
 * free account's content type of 100 list-of-image fields, items crammed with media references,
 * pages of 100 such items read by 8 clients at once, and 1 MB items posted in pairs. Before the
 * caps, four such readers ended the process with {@code OutOfMemoryError}; now every write beyond
 * a cap is a 400 naming it, pages are cut at their byte budget, and the server keeps answering
 * every tenant — with usage counters equal to what is stored.
 */
class HeapExhaustionIT {

    private static final int FIELDS = 100;
    private static final int READERS = 8;

    @Test
    void aFreeAccountCannotExhaustTheHeapWithMediaReferences() throws Exception {
        Path dataDir = Path.of("target", "it-data", "heap-" + UUID.randomUUID()).toAbsolutePath();
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of()).awaitHealthy()) {
            Http http = server.http;
            Fixtures fixtures = new Fixtures(http);
            Fixtures.User attacker = fixtures.user();
            String group = fixtures.group(attacker);
            String key = fixtures.apiKey(attacker, group);
            String media = upload(http, attacker, group);
            String type = galleryType(http, attacker, group);
            String items = "/api/groups/" + group + "/content-types/" + type + "/items";

            // the review's item: 500 references in a 19.5 KB body
            Http.Response crammed = http.post(items, item(media, 500), attacker.auth());
            assertThat(crammed.status()).as(crammed.body()).isEqualTo(400);
            assertThat(crammed.body()).contains("media references").contains("at most 200");

            // the review's 1 MB item (26,874 references), twice at once
            ExecutorService pool = Executors.newFixedThreadPool(READERS);
            List<Future<Http.Response>> huge = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                huge.add(pool.submit(() -> http.post(items, item(media, 26_874), attacker.auth())));
            }
            for (Future<Http.Response> answer : huge) {
                Http.Response response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isIn(400, 413);
                assertThat(response.body().length()).isLessThan(64 * 1024);
            }

            // the most a free group may store: 100 items at the reference cap
            for (int i = 0; i < 100; i++) {
                Http.Response created = http.post(items, item(media, 200), attacker.auth());
                assertThat(created.status()).as(created.body()).isEqualTo(201);
            }
            Http.Response overQuota = http.post(items, item(media, 1), attacker.auth());
            assertThat(overQuota.status()).as(overQuota.body()).isEqualTo(402);

            // another tenant with an ordinary site
            Fixtures.User neighbour = fixtures.user();
            String neighbourGroup = fixtures.group(neighbour);
            String neighbourKey = fixtures.apiKey(neighbour, neighbourGroup);

            // 8 readers at once, each on its own page (no shared cache entry), several rounds
            AtomicInteger served = new AtomicInteger();
            AtomicInteger cut = new AtomicInteger();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            List<Future<?>> readers = new ArrayList<>();
            for (int reader = 0; reader < READERS; reader++) {
                int skip = reader;
                readers.add(pool.submit(() -> {
                    for (int round = 0; round < 4; round++) {
                        String route = (round % 2 == 0 ? "/tenant/collectionObjects" : "/tenant/preview")
                                + "?collectionId=" + type + "&limit=100&skip=" + (skip + 10 * round);
                        Http.Response page = http.get(route, "Authorization", key);
                        statuses.merge(page.status(), 1, Integer::sum);
                        if (page.status() == 200) {
                            served.incrementAndGet();
                            JsonNode data = page.json().get("data");
                            if (data.has("truncated")) {
                                cut.incrementAndGet();
                                assertThat(data.get("items").size()).isLessThan(100);
                            }
                            assertThat(page.body().length()).isLessThan(3 * 1024 * 1024);
                        }
                    }
                    return null;
                }));
            }
            long neighbourSlowest = 0;
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                Http.Response answer = http.get(
                        "/tenant/collectionObjects?collectionId=0123456789abcdef01234567",
                        "Authorization",
                        neighbourKey);
                neighbourSlowest = Math.max(neighbourSlowest, (System.nanoTime() - started) / 1_000_000);
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            }
            for (Future<?> reader : readers) {
                reader.get(120, TimeUnit.SECONDS);
            }
            pool.shutdownNow();

            assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 429);
            assertThat(served.get()).isGreaterThan(0);
            assertThat(cut.get())
                    .as("pages of 100 items at the cap exceed the page budget")
                    .isPositive();
            assertThat(neighbourSlowest)
                    .as("the neighbour's slowest answer (ms)")
                    .isLessThan(10_000);
            assertThat(http.get("/actuator/health").status()).isEqualTo(200);
            assertThat(server.output()).doesNotContain("OutOfMemoryError");

            Http.Response usage = http.get("/api/groups/" + group + "/usage", attacker.auth());
            Http.Response listed = http.get(items + "?limit=1", attacker.auth());
            long stored = listed.json().get("totalCount").asLong();
            assertThat(stored).isEqualTo(100);
            assertThat(usedItems(usage.json())).isEqualTo(stored);
        }
    }

    private static long usedItems(JsonNode usage) {
        return usage.get("quotas").get("contentItems").get("used").asLong();
    }

    private static String upload(Http http, Fixtures.User user, String group) {
        Http.Response uploaded = http.send(
                "POST",
                "/api/groups/" + group + "/media",
                MediaFiles.multipart("p.png", "image/png", MediaFiles.image("png")),
                "Content-Type",
                MediaFiles.MULTIPART,
                "Authorization",
                "Bearer " + user.token());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json().get("key").asString();
    }

    private static String galleryType(Http http, Fixtures.User user, String group) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (int i = 0; i < FIELDS; i++) {
            fields.add(Map.of("name", "g" + i, "type", "list", "items", Map.of("type", "image")));
        }
        Http.Response created = http.post(
                "/api/groups/" + group + "/content-types", Map.of("name", "Gallery", "fields", fields), user.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    /** A published item holding {@code references} references to one file, spread over the fields. */
    private static Map<String, Object> item(String media, int references) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < references; i++) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) values.computeIfAbsent("g" + (i % FIELDS), f -> new ArrayList<>());
            list.add(Map.of("key", media));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("objectValue", values);
        body.put("publishDate", Instant.now().minusSeconds(60).toString());
        return body;
    }
}
