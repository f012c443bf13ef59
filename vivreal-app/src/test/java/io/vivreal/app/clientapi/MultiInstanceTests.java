package io.vivreal.app.clientapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server instances sharing one database, as behind a load balancer: a key regenerated on one
 * must stop working on the other within one second, though the other had it cached.
 */
class MultiInstanceTests extends ServerTest {

    private ConfigurableApplicationContext second;
    private Http secondHttp;

    @BeforeEach
    void startSecondInstance() throws Exception {
        String storePort =
                Files.readString(DATA_DIR.resolve("embedded-store.port")).strip();
        second = new SpringApplicationBuilder(VivrealApplication.class)
                .properties(
                        "server.port=0",
                        "vivreal.mongodb-uri=mongodb://127.0.0.1:" + storePort,
                        "vivreal.data-dir=" + DATA_DIR)
                .run();
        secondHttp = new Http("http://localhost:" + second.getEnvironment().getProperty("local.server.port"));
    }

    @AfterEach
    void stopSecondInstance() {
        second.close();
    }

    @Test
    void aKeyRegeneratedOnOneInstanceFailsOnTheOtherWithinOneSecond() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String oldKey = fixtures.apiKey(owner, group);
        String route = "/tenant/collectionObjects?collectionId=0123456789abcdef01234567";
        assertThat(secondHttp.get(route, "Authorization", oldKey).status()).isEqualTo(200);
        assertThat(secondHttp.get(route, "Authorization", oldKey).status())
                .as("served from the cache")
                .isEqualTo(200);

        Instant regenerated = Instant.now();
        String newKey = http.post("/api/groups/" + group + "/api-key/regenerate", null, owner.auth())
                .json()
                .get("apiKey")
                .asString();

        Duration until;
        while (true) {
            int status = secondHttp.get(route, "Authorization", oldKey).status();
            until = Duration.between(regenerated, Instant.now());
            if (status == 403) {
                break;
            }
            assertThat(status).isEqualTo(200);
            assertThat(until).as("old key still accepted by the other instance").isLessThan(Duration.ofSeconds(1));
        }
        assertThat(until).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(secondHttp.get(route, "Authorization", newKey).status()).isEqualTo(200);
        assertThat(http.get(route, "Authorization", oldKey).status()).isEqualTo(403);
    }

    @Test
    void aPreviousKeyRevokedOnOneInstanceFailsOnTheOtherWithinOneSecond() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String oldKey = fixtures.apiKey(owner, group);
        String route = "/tenant/collectionObjects?collectionId=0123456789abcdef01234567";
        String newKey = http.post(
                        "/api/groups/" + group + "/api-key/roll", java.util.Map.of("overlap", "PT1H"), owner.auth())
                .json()
                .get("apiKey")
                .asString();
        assertThat(secondHttp.get(route, "Authorization", oldKey).status()).isEqualTo(200);
        assertThat(secondHttp.get(route, "Authorization", oldKey).status())
                .as("served from the cache")
                .isEqualTo(200);

        Instant revoked = Instant.now();
        assertThat(http.post("/api/groups/" + group + "/api-key/previous/revoke", null, owner.auth())
                        .status())
                .isEqualTo(204);

        Duration until;
        while (true) {
            int status = secondHttp.get(route, "Authorization", oldKey).status();
            until = Duration.between(revoked, Instant.now());
            if (status == 403) {
                break;
            }
            assertThat(status).isEqualTo(200);
            assertThat(until)
                    .as("previous key still accepted by the other instance")
                    .isLessThan(Duration.ofSeconds(1));
        }
        assertThat(until).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(secondHttp.get(route, "Authorization", newKey).status()).isEqualTo(200);
    }

    @Test
    void identityTokensWorkOnEveryInstance() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);

        // the second instance has its own port, so its issuer differs unless VIVREAL_PUBLIC_URL is set;
        // what must hold is that both instances share keys and data
        assertThat(secondHttp.get("/.well-known/jwks.json").body())
                .isEqualTo(http.get("/.well-known/jwks.json").body());
        assertThat(secondHttp
                        .get(
                                "/tenant/collectionObjects?collectionId=0123456789abcdef01234567",
                                "Authorization",
                                fixtures.apiKey(owner, group))
                        .status())
                .isEqualTo(200);
    }
}
