package io.vivreal.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import io.vivreal.core.store.ControlPlane;
import io.vivreal.identity.verification.EmailVerificationTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sign-up proves the address with a signed, expiring link mailed to it; nothing else does. */
class EmailVerificationTests extends ServerTest {

    @Autowired
    ControlPlane controlPlane;

    @Autowired
    Secrets secrets;

    private Outbox.Mail verificationMail(Fixtures.User user) {
        return fixtures.outbox().await(user.email(), mail -> mail.subject().equals("Confirm your e-mail address"));
    }

    private String token(Fixtures.User user) {
        String link = verificationMail(user).link(http.baseUrl() + "/auth/verify-email?token=");
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private boolean verified(Fixtures.User user) {
        Http.Response account = http.get("/api/account", user.auth());
        assertThat(account.status()).as(account.body()).isEqualTo(200);
        return account.json().get("emailVerified").asBoolean();
    }

    @Test
    void signUpSendsTheLinkAndTheAccountStartsUnverified() {
        Fixtures.User user = fixtures.user();

        Outbox.Mail mail = verificationMail(user);

        assertThat(verified(user)).isFalse();
        assertThat(mail.to()).isEqualTo(user.email());
        assertThat(mail.from()).isEqualTo("Vivreal <no-reply@localhost>");
        String link = mail.link(http.baseUrl() + "/auth/verify-email?token=v1." + user.id() + ".");
        assertThat(mail.text()).contains("Hello Test User", link);
        assertThat(mail.html()).contains("<a href=\"" + link + "\">Confirm my address</a>");
    }

    @Test
    void followingTheLinkVerifiesTheAddressAndSignInWorksEitherWay() {
        Fixtures.User user = fixtures.user();
        String token = token(user);

        Http.Response followed = http.get("/auth/verify-email?token=" + token);

        assertThat(followed.status()).isEqualTo(303);
        assertThat(followed.header("location")).isEqualTo("/app/groups?verified=1");
        assertThat(followed.header("referrer-policy")).isEqualTo("no-referrer");
        assertThat(verified(user)).isTrue();
        assertThat(http.post("/auth/login", Map.of("email", user.email(), "password", Fixtures.PASSWORD))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theLinkWorksAsAPostForScripts() {
        Fixtures.User user = fixtures.user();

        Http.Response confirmed = http.post("/auth/verify-email", Map.of("token", token(user)));

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).isEqualTo("{\"emailVerified\":true}");
        assertThat(verified(user)).isTrue();
    }

    @Test
    void aTamperedTokenVerifiesNothing() {
        Fixtures.User user = fixtures.user();
        String token = token(user);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        Http.Response followed = http.get("/auth/verify-email?token=" + tampered);
        Http.Response posted = http.post("/auth/verify-email", Map.of("token", tampered));

        assertThat(followed.status()).isEqualTo(303);
        assertThat(followed.header("location")).isEqualTo("/app/groups?verified=invalid");
        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.json().get("error").asString()).isEqualTo("invalid_token");
        assertThat(posted.body()).doesNotContain(tampered);
        assertThat(verified(user)).isFalse();
    }

    @Test
    void anotherUsersTokenVerifiesNothing() {
        Fixtures.User ann = fixtures.user();
        Fixtures.User eve = fixtures.user();
        String eveToken = token(eve);

        Http.Response asAnn = http.post("/auth/verify-email", Map.of("token", eveToken.replace(eve.id(), ann.id())));

        assertThat(asAnn.status()).isEqualTo(400);
        assertThat(verified(ann)).isFalse();
        assertThat(verified(eve)).isFalse();
    }

    @Test
    void aLinkForAnAddressChangedSinceVerifiesNothing() {
        Fixtures.User user = fixtures.user();
        String token = token(user);
        controlPlane
                .collection("users")
                .updateOne(Filters.eq("_id", new ObjectId(user.id())), Updates.set("email", "changed-" + user.email()));

        assertThat(http.post("/auth/verify-email", Map.of("token", token)).status())
                .isEqualTo(400);
        assertThat(verified(user)).isFalse();
    }

    @Test
    void anExpiredLinkIsRefusedClearly() {
        Fixtures.User user = fixtures.user();
        // signed here, with this server's key, 25 hours ago
        EmailVerificationTokens yesterday = new EmailVerificationTokens(
                secrets.rotatingKeyBytes(SecretName.CONTEXT_SECRET),
                Clock.fixed(Instant.now().minus(Duration.ofHours(25)), ZoneOffset.UTC));
        String expired = yesterday.issue(user.id(), user.email());

        Http.Response posted = http.post("/auth/verify-email", Map.of("token", expired));
        Http.Response followed = http.get("/auth/verify-email?token=" + expired);

        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.json().get("error").asString()).isEqualTo("token_expired");
        assertThat(followed.header("location")).isEqualTo("/app/groups?verified=expired");
        assertThat(verified(user)).isFalse();
    }

    @Test
    void malformedTokensAreAClear400() {
        for (Object body :
                new Object[] {Map.of("token", ""), Map.of(), Map.of("token", "v1.x.y.z"), "{\"token\":{\"$ne\":null}}"
                }) {
            Http.Response refused = http.post("/auth/verify-email", body);
            assertThat(refused.status()).as(String.valueOf(body)).isEqualTo(400);
        }
        assertThat(http.get("/auth/verify-email").header("location")).isEqualTo("/app/groups?verified=invalid");
    }

    @Test
    void theMailCanBeSentAgainAFewTimesAnHour() {
        Fixtures.User user = fixtures.user();
        verificationMail(user);

        for (int i = 0; i < 3; i++) {
            Http.Response again = http.post("/api/account/verification-mail", null, user.auth());
            assertThat(again.status()).as(again.body()).isEqualTo(202);
        }
        Http.Response limited = http.post("/api/account/verification-mail", null, user.auth());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("retry-after")).isNotBlank();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> fixtures.outbox().countTo(user.email()) == 4);
        // any one of the links verifies
        http.get("/auth/verify-email?token=" + token(user));
        assertThat(verified(user)).isTrue();
        Http.Response already = http.post("/api/account/verification-mail", null, user.auth());
        assertThat(already.status()).isEqualTo(409);
    }

    @Test
    void accountsStoredBeforeVerificationExistedCountAsUnverified() {
        Fixtures.User user = fixtures.verifiedUser();
        controlPlane
                .collection("users")
                .updateOne(Filters.eq("_id", new ObjectId(user.id())), Updates.unset("emailVerified"));

        assertThat(verified(user)).isFalse();
    }

    @Test
    void aNameCarryingHeaderInjectionIsRefusedAndNoMailIsSent() {
        String email = "inject-" + System.nanoTime() + "@example.com";

        Http.Response refused = http.post(
                "/auth/signup",
                Map.of("email", email, "password", Fixtures.PASSWORD, "name", "Eve\r\nBcc: all@example.com"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("name");
        assertThat(fixtures.outbox().countTo(email)).isZero();
    }
}
