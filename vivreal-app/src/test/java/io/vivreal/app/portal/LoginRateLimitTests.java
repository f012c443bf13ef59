package io.vivreal.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Browser;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.PortalClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sign-in limits with their production defaults (10 attempts per 15 minutes per client
 * address and per account), in a server of their own: every other test signs in from 127.0.0.1.
 * No trusted proxy is configured, so {@code X-Forwarded-For} must not change the count.
 */
@SpringBootTest(classes = VivrealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginRateLimitTests {

    static final Path DATA_DIR =
            Path.of("target", "test-data", "login-limit-" + UUID.randomUUID()).toAbsolutePath();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("vivreal.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void theEleventhAttemptInTheWindowIs429EvenWithAnotherForwardedFor() {
        Http http = new Http("http://localhost:" + port);
        String email = "limited-" + System.nanoTime() + "@example.com";
        assertThat(http.post("/auth/signup", Map.of("email", email, "password", Fixtures.PASSWORD, "name", "L"))
                        .status())
                .isEqualTo(201);
        PortalClient portal = new PortalClient("http://localhost:" + port).openLoginPage();
        for (int attempt = 1; attempt <= 10; attempt++) {
            PortalClient.Response wrong = portal.send(
                    "POST",
                    "/app/api/login",
                    Map.of("email", "nobody" + attempt + "@example.com", "password", "wrong password"),
                    true,
                    "X-Forwarded-For",
                    "203.0.113." + attempt);
            assertThat(wrong.status()).as("attempt " + attempt).isEqualTo(401);
        }
        PortalClient.Response eleventh = portal.send(
                "POST",
                "/app/api/login",
                Map.of("email", email, "password", Fixtures.PASSWORD),
                true,
                "X-Forwarded-For",
                "198.51.100.77");
        assertThat(eleventh.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(eleventh.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 15 * 60L);
        assertThat(eleventh.json().get("error").asString()).isEqualTo("rate_limited");
        assertThat(portal.cookies).doesNotContainKey("token");
        // The same count covers the API's sign-in route.
        Http.Response api = http.post(
                "/auth/login", Map.of("email", email, "password", Fixtures.PASSWORD), "X-Forwarded-For", "192.0.2.9");
        assertThat(api.status()).isEqualTo(429);
        assertThat(api.header("Retry-After")).isNotBlank();

        // The login page tells the person when to try again. (127.0.0.1, not localhost: Chromium
        // may connect over IPv6, which is another client address with a count of its own.)
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.open("/app/login");
            browser.type("#email", email);
            browser.type("#password", Fixtures.PASSWORD);
            browser.click("#login-submit");
            browser.waitUntil(
                    d -> d.findElement(By.cssSelector(".form-error")).getText().contains("Try again in"));
            assertThat(browser.find(".form-error").getText())
                    .matches("Too many attempts\\. Try again in \\d+ (seconds|minutes)\\.");
            browser.screenshot("login-rate-limited");
            assertThat(browser.path()).startsWith("/app/login");
        }
    }
}
