package io.vivreal.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server is SIGKILLed in the middle of a newsletter batch (paced at 4 mails per
 * second, so the kill lands between sends) and started again: the delivery resumes, nobody gets
 * the item twice, and everyone else gets it after the restart. At most one recipient — the one
 * marked but not yet handed to the SMTP server at the kill — may miss it (at most once, never twice).
 */
class NewsletterCrashIT {

    private static final int READERS = 20;
    private static final String SUBJECT = "The issue that survived a crash";

    @Test
    void aKilledBatchResumesWithoutSendingAnyoneTwice() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Path dataDir = Path.of("target", "it-data", "newsletter-crash-" + UUID.randomUUID())
                .toAbsolutePath();
        Map<String, String> env = Map.of(
                "VIVREAL_PUBLIC_URL", "http://localhost:18998",
                "VIVREAL_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort() + "?starttls=false",
                "VIVREAL_MAIL_FROM", "Vivreal <news@cms.example.com>",
                "VIVREAL_NEWSLETTER_RATE", "4");
        try {
            Fixtures.User owner;
            String group;
            String channel;
            List<String> readers = new ArrayList<>();
            try (ServerProcess server = ServerProcess.start(dataDir, env).awaitHealthy()) {
                Http http = server.http;
                Fixtures fixtures = new Fixtures(http);
                owner = fixtures.user();
                group = fixtures.group(owner);
                String key = fixtures.apiKey(owner, group);
                String signups = type(http, owner, group, "Signups", true, "email");
                String posts = type(http, owner, group, "Posts", false, "title");
                for (int i = 0; i < READERS; i++) {
                    String email = "reader" + i + "@crash.example.com";
                    readers.add(email);
                    Http.Response signUp = http.post(
                            "/tenant/definedCollectionObject",
                            Map.of(
                                    "collectionId",
                                    signups,
                                    "type",
                                    "subscribeUser",
                                    "objectValue",
                                    Map.of("email", email)),
                            "Authorization",
                            key);
                    assertThat(signUp.status()).as(signUp.body()).isEqualTo(201);
                }
                for (String email : readers) {
                    Outbox.Mail confirmation = await().atMost(Duration.ofSeconds(20))
                            .until(() -> mailTo(smtp, email, "Confirm your subscription"), Optional::isPresent)
                            .orElseThrow();
                    String link = confirmation.link("http://localhost:18998/newsletter/confirm?token=");
                    Http.Response confirmed = http.post(
                            link.substring("http://localhost:18998".length()),
                            "",
                            "Content-Type",
                            "application/x-www-form-urlencoded");
                    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
                }
                Http.Response made = http.post(
                        "/api/groups/" + group + "/channels",
                        Map.of(
                                "type",
                                "newsletter",
                                "name",
                                "Crash list",
                                "settings",
                                Map.of("subscribersTypeId", signups, "fromName", "Crash Club"),
                                "contentTypes",
                                List.of(posts)),
                        owner.auth());
                assertThat(made.status()).as(made.body()).isEqualTo(201);
                channel = made.json().get("_id").asString();
                Http.Response item = http.post(
                        "/api/groups/" + group + "/content-types/" + posts + "/items",
                        Map.of(
                                "objectValue",
                                Map.of("title", SUBJECT),
                                "publishDate",
                                Instant.now().minusSeconds(1).toString()),
                        owner.auth());
                assertThat(item.status()).as(item.body()).isEqualTo(201);

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> recipients(smtp).size() >= 5);
                server.kill9();
            }
            int beforeRestart = recipients(smtp).size();
            System.out.println("[NewsletterCrashIT] killed after " + beforeRestart + " of " + READERS + " mails");
            assertThat(beforeRestart)
                    .as("the kill landed in the middle of the batch")
                    .isLessThan(READERS);

            try (ServerProcess server = ServerProcess.start(dataDir, env).awaitHealthy()) {
                JsonNode delivery = await().atMost(Duration.ofSeconds(60))
                        .until(
                                () -> server.http
                                        .get("/api/groups/" + group + "/deliveries?channelId=" + channel, owner.auth())
                                        .json()
                                        .get("deliveries")
                                        .get(0),
                                d -> d.get("status").asString().equals("succeeded"));
                JsonNode attempts = delivery.get("attempts");
                String summary = attempts.get(attempts.size() - 1).get("body").asString();
                System.out.println("[NewsletterCrashIT] after the restart: " + summary);
                assertThat(summary).matches("sent \\d+ of " + READERS + " \\(\\d+ earlier\\)");

                List<String> received = recipients(smtp);
                assertThat(new HashSet<>(received)).as("nobody twice").hasSameSizeAs(received);
                assertThat(received.size())
                        .as("at most the one mail in flight at the kill is lost")
                        .isBetween(READERS - 1, READERS);
                assertThat(Set.copyOf(readers)).containsAll(received);
            }
        } finally {
            smtp.stop();
        }
    }

    private static String type(
            Http http, Fixtures.User owner, String group, String name, boolean submissions, String field) {
        Http.Response created = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of(
                        "name",
                        name,
                        "acceptsSubmissions",
                        submissions,
                        "fields",
                        List.of(Map.of("name", field, "type", "text", "required", true))),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    private static Optional<Outbox.Mail> mailTo(GreenMail smtp, String to, String subjectStart) {
        for (var message : smtp.getReceivedMessages()) {
            Outbox.Mail mail = Outbox.parse(message);
            if (mail.to().equals(to) && mail.subject().startsWith(subjectStart)) {
                return Optional.of(mail);
            }
        }
        return Optional.empty();
    }

    private static List<String> recipients(GreenMail smtp) {
        List<String> to = new ArrayList<>();
        for (var message : smtp.getReceivedMessages()) {
            Outbox.Mail mail = Outbox.parse(message);
            if (mail.subject().equals(SUBJECT)) {
                to.add(mail.to());
            }
        }
        return to;
    }
}
