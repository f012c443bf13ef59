package io.vivreal.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /auth} and the tokens it issues, including tokens a forger might try. */
class AuthTests extends ServerTest {

    @Test
    void signupAnswersCreatedWithTheUserId() {
        Http.Response response = http.post(
                "/auth/signup",
                Map.of(
                        "email",
                        "new-" + UUID.randomUUID() + "@example.com",
                        "password",
                        "long enough pw",
                        "name",
                        "Zoë 😀"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("userId").asString()).matches("[0-9a-f]{24}");
        assertThat(response.body()).doesNotContain("password", "hash");
    }

    @Test
    void signupRefusesAShortPassword() {
        Http.Response response = http.post(
                "/auth/signup",
                Map.of("email", "short-" + UUID.randomUUID() + "@example.com", "password", "123456789", "name", "A"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo("password");
    }

    @Test
    void signupRefusesATakenEmailWhateverItsCase() {
        Fixtures.User user = fixtures.user();

        Http.Response response = http.post(
                "/auth/signup",
                Map.of(
                        "email",
                        user.email().toUpperCase(java.util.Locale.ROOT),
                        "password",
                        "another long pw",
                        "name",
                        "B"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("error").asString()).isEqualTo("email_taken");
    }

    @Test
    void signupRefusesBadEmailsAndNames() {
        String email = "ok-" + UUID.randomUUID() + "@example.com";
        assertThat(http.post("/auth/signup", Map.of("email", "not-an-email", "password", "long enough pw", "name", "A"))
                        .status())
                .isEqualTo(400);
        assertThat(http.post(
                                "/auth/signup",
                                Map.of("email", "a b@example.com", "password", "long enough pw", "name", "A"))
                        .status())
                .isEqualTo(400);
        Http.Response control = http.post(
                "/auth/signup", Map.of("email", email, "password", "long enough pw", "name", "Bad\u0000Name"));
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.json().get("field").asString()).isEqualTo("name");
        // nothing was created: the same email can still sign up
        assertThat(http.post("/auth/signup", Map.of("email", email, "password", "long enough pw", "name", "Good"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void loginFailuresLookTheSameForUnknownEmailAndWrongPassword() {
        Fixtures.User user = fixtures.user();

        Http.Response wrongPassword =
                http.post("/auth/login", Map.of("email", user.email(), "password", "wrong password!"));
        Http.Response unknownEmail = http.post(
                "/auth/login",
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", "wrong password!"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
    }

    @Test
    void idTokenIsAnEs256JwtWithTheDocumentedClaimsSignedByAPublishedKey() throws Exception {
        Fixtures.User user = fixtures.user();
        SignedJWT jwt = SignedJWT.parse(user.token());
        JWKSet published = JWKSet.parse(http.get("/.well-known/jwks.json").body());

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        ECKey key = (ECKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(user.id());
        assertThat(claims.getStringClaim("email")).isEqualTo(user.email());
        assertThat(claims.getIssuer()).isEqualTo(http.baseUrl());
        assertThat(claims.getAudience()).containsExactly("vivreal");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
                .isEqualTo(3_600_000L);
    }

    @Test
    void discoveryNamesTheIssuerAndKeys() {
        Http.Response discovery = http.get("/.well-known/openid-configuration");

        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.json().get("issuer").asString()).isEqualTo(http.baseUrl());
        assertThat(discovery.json().get("jwks_uri").asString()).isEqualTo(http.baseUrl() + "/.well-known/jwks.json");
    }

    @Test
    void tamperedTokenIsRefused() throws Exception {
        Fixtures.User user = fixtures.user();
        Fixtures.User other = fixtures.user();
        String[] parts = user.token().split("\\.");
        String otherPayload = other.token().split("\\.")[1];

        Http.Response swapped =
                http.get("/api/groups", "Authorization", "Bearer " + parts[0] + "." + otherPayload + "." + parts[2]);

        assertThat(swapped.status()).isEqualTo(401);
        assertThat(swapped.json().get("error").asString()).isEqualTo("unauthenticated");
    }

    @Test
    void tokenSignedByAnotherKeyWithOurKidIsRefused() throws Exception {
        Fixtures.User user = fixtures.user();
        SignedJWT real = SignedJWT.parse(user.token());
        ECKey attacker = new ECKeyGenerator(Curve.P_256)
                .keyID(real.getHeader().getKeyID())
                .generate();

        String forged = sign(attacker, real.getHeader().getKeyID(), real.getJWTClaimsSet());

        assertThat(http.get("/api/groups", "Authorization", "Bearer " + forged).status())
                .isEqualTo(401);
    }

    @Test
    void unsignedTokenIsRefused() throws Exception {
        Fixtures.User user = fixtures.user();
        String payload = user.token().split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());

        assertThat(http.get("/api/groups", "Authorization", "Bearer " + header + "." + payload + ".")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void expiredWrongAudienceAndForeignIssuerTokensAreRefusedEvenWithOurKey() throws Exception {
        Fixtures.User user = fixtures.user();
        ECKey ours = serverKey();
        JWTClaimsSet valid = SignedJWT.parse(user.token()).getJWTClaimsSet();
        assertThat(http.get("/api/groups", "Authorization", "Bearer " + sign(ours, ours.getKeyID(), valid))
                        .status())
                .as("control: a token we sign with the server key is accepted")
                .isEqualTo(200);

        JWTClaimsSet expired = new JWTClaimsSet.Builder(valid)
                .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                .build();
        JWTClaimsSet otherAudience =
                new JWTClaimsSet.Builder(valid).audience("someone-else").build();
        JWTClaimsSet otherIssuer =
                new JWTClaimsSet.Builder(valid).issuer("https://evil.example").build();

        for (JWTClaimsSet claims : new JWTClaimsSet[] {expired, otherAudience, otherIssuer}) {
            assertThat(http.get("/api/groups", "Authorization", "Bearer " + sign(ours, ours.getKeyID(), claims))
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    void aHugeAuthorizationHeaderIsA401() {
        assertThat(http.get("/api/groups", "Authorization", "Bearer " + "a".repeat(5000))
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/api/groups", "Authorization", "a".repeat(5000)).status())
                .isEqualTo(401);
    }

    /** The server's own signing key, read from the generated dev secret, to forge tokens it would otherwise accept. */
    private static ECKey serverKey() throws Exception {
        String value =
                Files.readString(DATA_DIR.resolve("secrets/jwt-signing-key")).strip();
        String[] parts = value.substring(value.indexOf(':') + 1).split("\\.");
        KeyFactory factory = KeyFactory.getInstance("EC");
        ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
        ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
        return new ECKey.Builder(Curve.P_256, publicKey)
                .privateKey(privateKey)
                .keyIDFromThumbprint()
                .build();
    }

    private static String sign(ECKey key, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
