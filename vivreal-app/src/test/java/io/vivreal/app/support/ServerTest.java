package io.vivreal.app.support;

import io.vivreal.app.VivrealApplication;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests against the real server: a random port, real HTTP, and the embedded store in a
 * data directory of its own under {@code target/}. Every subclass shares one running server
 * (Spring caches the context), so tests create their own users and groups and never rely on an
 * empty store.
 */
@SpringBootTest(classes = VivrealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerTest {

    public static final Path DATA_DIR =
            Path.of("target", "test-data", "server-" + UUID.randomUUID()).toAbsolutePath();

    /** The scrape token of the shared test server ({@code VIVREAL_METRICS_TOKEN}). */
    public static final String METRICS_TOKEN = "test-metrics-token-0123456789abcdef0123456789";

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("vivreal.data-dir", DATA_DIR::toString);
        // Every test signs in from 127.0.0.1; the login limits' own tests run in a context of
        // their own with the defaults (LoginRateLimitTests).
        registry.add("vivreal.login.attempts-per-address", () -> "1000000");
        registry.add("vivreal.login.attempts-per-account", () -> "1000000");
        // Channel tests deliver to a local server; every other private address stays refused.
        registry.add("vivreal.outbound-allowlist", () -> "127.0.0.1");
        registry.add("vivreal.delivery.interval", () -> "200ms");
        registry.add("vivreal.websub.hub", FakeHub::url);
        registry.add("vivreal.stripe.api-base", io.vivreal.app.fakes.FakeStripe.SERVER::url);
        registry.add("vivreal.metrics-token", () -> METRICS_TOKEN);
        // one access line per request is for operators; in the shared test server it only buries failures
        registry.add("logging.level.vivreal.access", () -> "warn");
    }

    @LocalServerPort
    protected int port;

    protected Http http;
    protected Fixtures fixtures;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
        fixtures = new Fixtures(http, DATA_DIR.resolve("mail"));
    }
}
