package io.vivreal.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.vivreal.app.VivrealApplication;
import io.vivreal.app.support.Http;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server with an external MongoDB ({@code VIVREAL_MONGODB_URI}) and an external OpenID Connect
 * issuer, as a deployment with a real replica set and a Cognito user pool or Keycloak would run.
 * The last test takes the store away to prove the Client API fails closed and the Management API
 * answers 503, not an internal error.
 */
@SpringBootTest(classes = VivrealApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ExternalServicesTests {

    private static final String AUDIENCE = "vivreal-test-client";
    private static final RSAKey ISSUER_KEY = generate();
    private static final MongoServer MONGO = new MongoServer(H2Backend.inMemory());
    private static final String MONGO_URI = MONGO.bindAndGetConnectionString();
    private static final HttpServer ISSUER = issuer();
    private static final String ISSUER_URI =
            "http://localhost:" + ISSUER.getAddress().getPort() + "/realms/test";

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) {
        registry.add("vivreal.mongodb-uri", () -> MONGO_URI);
        registry.add(
                "vivreal.data-dir",
                () -> Path.of("target", "test-data", "external-" + UUID.randomUUID())
                        .toAbsolutePath()
                        .toString());
        registry.add("vivreal.oidc.issuer-uri", () -> ISSUER_URI);
        registry.add("vivreal.oidc.audience", () -> AUDIENCE);
    }

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http("http://localhost:" + port);
    }

    @AfterAll
    static void stop() {
        ISSUER.stop(0);
        MONGO.shutdownNow();
    }

    @Test
    @Order(1)
    void externalIssuerTokensAreAcceptedAndTheirUsersProvisioned() throws Exception {
        String token = token(
                ISSUER_KEY, ISSUER_URI, AUDIENCE, "kc-user-1", "kc1@example.com", Map.of("email_verified", "true"));

        Http.Response created =
                http.post("/api/groups", Map.of("name", "From Keycloak"), "Authorization", "Bearer " + token);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String group = created.json().get("groupID").asString();
        Http.Response members = http.get("/api/groups/" + group + "/members", "Authorization", "Bearer " + token);
        assertThat(members.body()).contains("kc1@example.com", "\"role\":\"owner\"");
        assertThat(http.get("/api/groups", "Authorization", "Bearer " + token).body())
                .contains(group);
    }

    @Test
    @Order(2)
    void externalTokensForAnotherAudienceOrSignedByAnotherKeyAreRefused() throws Exception {
        String wrongAudience = token(ISSUER_KEY, ISSUER_URI, "someone-else", "kc-user-2", "kc2@example.com");
        String wrongKey = token(generate(), ISSUER_URI, AUDIENCE, "kc-user-2", "kc2@example.com");
        String unknownIssuer =
                token(ISSUER_KEY, "http://localhost:1/realms/other", AUDIENCE, "kc-user-2", "kc2@example.com");

        for (String token : new String[] {wrongAudience, wrongKey, unknownIssuer}) {
            assertThat(http.get("/api/groups", "Authorization", "Bearer " + token)
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    @Order(2)
    void accessTokensAndTokensIssuedToAnotherClientOfTheSameIssuerAreRefused() throws Exception {
        String cognitoAccess = token(
                ISSUER_KEY,
                ISSUER_URI,
                null,
                "kc-user-4",
                "kc4@example.com",
                Map.of("token_use", "access", "client_id", AUDIENCE));
        String cognitoAccessWithAudience =
                token(ISSUER_KEY, ISSUER_URI, AUDIENCE, "kc-user-4", "kc4@example.com", Map.of("token_use", "access"));
        String keycloakAccess = token(
                ISSUER_KEY,
                ISSUER_URI,
                AUDIENCE,
                "kc-user-4",
                "kc4@example.com",
                Map.of("typ", "Bearer", "azp", AUDIENCE));
        String otherClient = token(
                ISSUER_KEY,
                ISSUER_URI,
                AUDIENCE,
                "kc-user-4",
                "kc4@example.com",
                Map.of("typ", "ID", "azp", "another-client"));
        String cognitoId =
                token(ISSUER_KEY, ISSUER_URI, AUDIENCE, "kc-user-5", "kc5@example.com", Map.of("token_use", "id"));
        String keycloakId = token(
                ISSUER_KEY, ISSUER_URI, AUDIENCE, "kc-user-6", "kc6@example.com", Map.of("typ", "ID", "azp", AUDIENCE));

        for (String token : new String[] {cognitoAccess, cognitoAccessWithAudience, keycloakAccess, otherClient}) {
            assertThat(http.get("/api/groups", "Authorization", "Bearer " + token)
                            .status())
                    .isEqualTo(401);
        }
        for (String token : new String[] {cognitoId, keycloakId}) {
            assertThat(http.get("/api/groups", "Authorization", "Bearer " + token)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void anUnverifiedExternalEmailIsNeverUsedToFindTheAccount() throws Exception {
        String victim = "ceo-" + System.nanoTime() + "@example.com";
        String claimsIt = token(ISSUER_KEY, ISSUER_URI, AUDIENCE, "kc-user-7", victim);
        assertThat(http.get("/api/groups", "Authorization", "Bearer " + claimsIt)
                        .status())
                .isEqualTo(200);
        String owner = token(
                ISSUER_KEY, ISSUER_URI, AUDIENCE, "kc-user-8", "owner8@example.com", Map.of("email_verified", "true"));
        String group = http.post("/api/groups", Map.of("name", "Invites"), "Authorization", "Bearer " + owner)
                .json()
                .get("groupID")
                .asString();

        Http.Response invited = http.post(
                "/api/groups/" + group + "/members",
                Map.of("email", victim, "role", "editor"),
                "Authorization",
                "Bearer " + owner);

        // invitations are pending for everyone; the unverified claim neither sees nor accepts this one
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        String invitation = invited.json().get("invitationId").asString();
        assertThat(http.get("/api/invitations", "Authorization", "Bearer " + claimsIt)
                        .json()
                        .size())
                .isZero();
        assertThat(http.post("/api/invitations/" + invitation + "/accept", null, "Authorization", "Bearer " + claimsIt)
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/groups/" + group + "/members", "Authorization", "Bearer " + owner)
                        .body())
                .doesNotContain(victim);
        // the person whose issuer vouches for the address accepts it
        String verified =
                token(ISSUER_KEY, ISSUER_URI, AUDIENCE, "kc-user-9", victim, Map.of("email_verified", "true"));
        assertThat(http.get("/api/invitations", "Authorization", "Bearer " + verified)
                        .body())
                .contains(invitation);
        assertThat(http.post("/api/invitations/" + invitation + "/accept", null, "Authorization", "Bearer " + verified)
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void clientApiFailsClosedWhenTheStoreIsGone() throws Exception {
        String token = token(ISSUER_KEY, ISSUER_URI, AUDIENCE, "kc-user-3", "kc3@example.com");
        String group = http.post("/api/groups", Map.of("name", "Outage"), "Authorization", "Bearer " + token)
                .json()
                .get("groupID")
                .asString();
        String key = http.get("/api/groups/" + group + "/api-key", "Authorization", "Bearer " + token)
                .json()
                .get("apiKey")
                .asString();
        String route = "/tenant/collectionObjects?collectionId=0123456789abcdef01234567";
        assertThat(http.get(route, "Authorization", key).status()).isEqualTo(200);

        MONGO.shutdownNow();
        Thread.sleep(600);

        Http.Response down = http.get(route, "Authorization", key);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"success\":false,\"data\":null,\"error\":\"ServiceUnavailable\"}");
        assertThat(http.get(route, "Authorization", "vr_" + "1".repeat(49)).status())
                .isIn(403, 503);
        // the Management API says the same, not an internal error
        Http.Response write = http.post(
                "/api/groups/" + group + "/content-types",
                Map.of("name", "During the outage", "fields", java.util.List.of()),
                "Authorization",
                "Bearer " + token);
        assertThat(write.status()).as(write.body()).isEqualTo(503);
        assertThat(write.header("Retry-After")).isEqualTo("5");
        assertThat(write.body()).contains("store_unavailable").doesNotContain("Exception");
        assertThat(http.get("/actuator/health").status()).isEqualTo(503);
        // an orchestrator takes the instance out of rotation but does not restart it for this
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    private static String token(RSAKey key, String issuer, String audience, String subject, String email)
            throws Exception {
        return token(key, issuer, audience, subject, email, Map.of());
    }

    private static String token(
            RSAKey key, String issuer, String audience, String subject, String email, Map<String, String> extra)
            throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .claim("email", email)
                // the provider's sign-in just happened: recent enough for step-up (revealing the key)
                .claim("auth_time", Instant.now().getEpochSecond())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
        if (audience != null) {
            builder.audience(audience);
        }
        extra.forEach(builder::claim);
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minimal OpenID provider: discovery and JWKS, as Keycloak or Cognito publish them. */
    private static HttpServer issuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String base = "http://localhost:" + server.getAddress().getPort() + "/realms/test";
            server.createContext("/realms/test/.well-known/openid-configuration", exchange -> {
                byte[] body = ("{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/certs\","
                                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"subject_types_supported\":[\"public\"],"
                                + "\"response_types_supported\":[\"id_token\"]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/realms/test/certs", exchange -> {
                byte[] body = new JWKSet(ISSUER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
