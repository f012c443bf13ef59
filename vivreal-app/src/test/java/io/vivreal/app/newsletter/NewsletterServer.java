package io.vivreal.app.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import io.vivreal.core.group.GroupRepository;
import io.vivreal.core.mail.EmailAddresses;
import io.vivreal.core.tenancy.TenantStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server with {@code VIVREAL_SMTP_URL} pointing at a real SMTP server in this JVM (GreenMail),
 * newsletters paced at 50 messages per second, and a clock that runs in real time but can be
 * moved forward (link expiry). Subclasses share the one context.
 */
@SpringBootTest(
        classes = {VivrealApplication.class, NewsletterServer.TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class NewsletterServer {

    static final Path DATA_DIR =
            Path.of("target", "test-data", "newsletter-" + UUID.randomUUID()).toAbsolutePath();
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final String OPERATOR = "news@cms.example.com";
    static final OffsetClock CLOCK = new OffsetClock();

    static {
        SMTP.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SMTP::stop));
    }

    /** Real time plus an offset a test may move (and must move back). */
    static final class OffsetClock extends Clock {
        final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        Clock offsetClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vivreal.data-dir", DATA_DIR::toString);
        registry.add(
                "vivreal.smtp-url", () -> "smtp://127.0.0.1:" + SMTP.getSmtp().getPort() + "?starttls=false");
        registry.add("vivreal.mail-from", () -> "Vivreal <" + OPERATOR + ">");
        registry.add("vivreal.newsletter.rate", () -> "50");
        registry.add("vivreal.outbound-allowlist", () -> "127.0.0.1");
        registry.add("vivreal.delivery.interval", () -> "200ms");
        registry.add("vivreal.login.attempts-per-address", () -> "1000000");
        registry.add("vivreal.login.attempts-per-account", () -> "1000000");
    }

    @LocalServerPort
    int port;

    @Autowired
    TenantStore store;

    @Autowired
    GroupRepository groups;

    Http http;
    Fixtures fixtures;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
        fixtures = new Fixtures(http);
    }

    /** A group's team, its API key, a sign-up type (email, name) and a posts type. */
    record Team(Fixtures.User owner, String group, String key, String signups, String posts) {}

    Team team(String tier) {
        Fixtures.User owner = fixtures.user();
        Http.Response created = http.post(
                "/api/groups",
                Map.of("name", "News " + UUID.randomUUID().toString().substring(0, 8), "tier", tier),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String group = created.json().get("groupID").asString();
        String signups = type(
                owner,
                group,
                "Signups",
                true,
                List.of(
                        Map.of("name", "email", "type", "text", "required", true),
                        Map.of("name", "name", "type", "text")));
        String posts = type(
                owner,
                group,
                "Posts",
                false,
                List.of(
                        Map.of("name", "title", "type", "text", "required", true),
                        Map.of("name", "summary", "type", "text"),
                        Map.of("name", "content", "type", "longText"),
                        Map.of("name", "slug", "type", "slug")));
        return new Team(owner, group, fixtures.apiKey(owner, group), signups, posts);
    }

    String type(Fixtures.User owner, String group, String name, boolean submissions, List<Map<String, Object>> fields) {
        Http.Response created = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of("name", name, "acceptsSubmissions", submissions, "fields", fields),
                owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    Http.Response signUp(Team team, String email) {
        return http.post(
                "/tenant/definedCollectionObject",
                Map.of("collectionId", team.signups(), "type", "subscribeUser", "objectValue", Map.of("email", email)),
                "Authorization",
                team.key());
    }

    String newsletter(Team team, String fromName) {
        Http.Response created = http.post(
                "/api/groups/" + team.group() + "/channels",
                Map.of(
                        "type",
                        "newsletter",
                        "name",
                        "Newsletter",
                        "settings",
                        Map.of(
                                "subscribersTypeId",
                                team.signups(),
                                "fromName",
                                fromName,
                                "itemUrl",
                                "https://shows.example.com/posts/{slug}"),
                        "events",
                        List.of("content.published"),
                        "contentTypes",
                        List.of(team.posts())),
                team.owner().auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    String publish(Team team, Map<String, Object> values) {
        Http.Response created = http.post(
                "/api/groups/" + team.group() + "/content-types/" + team.posts() + "/items",
                Map.of(
                        "objectValue",
                        values,
                        "publishDate",
                        CLOCK.instant().minusSeconds(1).toString()),
                team.owner().auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("_id").asString();
    }

    /**
     * Confirmed subscribers written straight into the store, as a long-running list would be —
     * a site's form takes at most 30 sign-ups per 10 minutes from one address, and the double
     * opt-in itself is tested through the form.
     */
    List<String> seedConfirmed(Team team, String prefix, int count) {
        var scope = groups.findById(team.group()).orElseThrow().scope();
        var collection = store.collection(scope, "newsletter_subscribers");
        List<String> addresses = new ArrayList<>();
        Date now = Date.from(CLOCK.instant());
        for (int i = 0; i < count; i++) {
            String email = prefix + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@readers.example.com";
            collection.insertOne(new Document("_id", new ObjectId())
                    .append("typeId", team.signups())
                    .append("email", email)
                    .append("emailKey", EmailAddresses.normalise(email))
                    .append("status", "confirmed")
                    .append("createdAt", now)
                    .append("confirmedAt", now));
            addresses.add(email);
        }
        return addresses;
    }

    static List<MimeMessage> received(String to) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(message -> Outbox.parse(message).to().equalsIgnoreCase(to))
                .toList();
    }

    static List<Outbox.Mail> mails(String to, String subject) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .map(Outbox::parse)
                .filter(mail -> mail.to().equalsIgnoreCase(to) && mail.subject().equals(subject))
                .toList();
    }
}
