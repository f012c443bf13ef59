package io.vivreal.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind a configured trusted proxy the client address comes from {@code X-Forwarded-For}; then the
 * per-account limit is what stops one account being tried from many addresses.
 */
@SpringBootTest(classes = VivrealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginRateLimitBehindProxyTests {

    static final Path DATA_DIR =
            Path.of("target", "test-data", "login-proxy-" + UUID.randomUUID()).toAbsolutePath();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("vivreal.data-dir", DATA_DIR::toString);
        registry.add("vivreal.trusted-proxies", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;

    @Test
    void oneAccountTriedFromElevenAddressesIsLimited() {
        Http http = new Http("http://localhost:" + port);
        String email = "sprayed-" + System.nanoTime() + "@example.com";
        assertThat(http.post("/auth/signup", Map.of("email", email, "password", Fixtures.PASSWORD, "name", "S"))
                        .status())
                .isEqualTo(201);
        for (int attempt = 1; attempt <= 10; attempt++) {
            Http.Response wrong = http.post(
                    "/auth/login",
                    Map.of("email", email, "password", "guess number " + attempt),
                    "X-Forwarded-For",
                    "203.0.113." + attempt);
            assertThat(wrong.status()).as("attempt " + attempt).isEqualTo(401);
        }
        Http.Response eleventh = http.post(
                "/auth/login",
                Map.of("email", email, "password", Fixtures.PASSWORD),
                "X-Forwarded-For",
                "203.0.113.200");
        assertThat(eleventh.status()).isEqualTo(429);
        // Another account from a fresh address is unaffected: the limit is per account here.
        String other = "fine-" + System.nanoTime() + "@example.com";
        http.post("/auth/signup", Map.of("email", other, "password", Fixtures.PASSWORD, "name", "F"));
        assertThat(http.post(
                                "/auth/login",
                                Map.of("email", other, "password", Fixtures.PASSWORD),
                                "X-Forwarded-For",
                                "203.0.113.201")
                        .status())
                .isEqualTo(200);
    }
}
