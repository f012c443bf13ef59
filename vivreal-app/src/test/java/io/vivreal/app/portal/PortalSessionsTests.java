package io.vivreal.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.PortalClient;
import io.vivreal.app.support.ServerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The portal's side of sessions: the Sessions page and its routes (cookies + CSRF), a revoked
 * session's cookies refused on every portal route, and the public forgot / reset password pages.
 */
class PortalSessionsTests extends ServerTest {

    /** Every page that needs a login, and the JSON routes a signed-in page calls. */
    static final List<String> PAGES = List.of(
            "groups",
            "sessions",
            "dashboard",
            "settings",
            "team",
            "types",
            "content",
            "media",
            "sites",
            "channels",
            "posts",
            "audit",
            "subscribers");

    Fixtures.User owner;
    String group;
    PortalClient portal;

    @BeforeEach
    void ownerWithGroup() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        portal = new PortalClient(http.baseUrl()).loggedIn(owner.email(), Fixtures.PASSWORD);
        assertThat(portal.switchTo(group).status()).isEqualTo(200);
    }

    private String portalSessionId() {
        for (JsonNode session : portal.get("/app/api/sessions").json()) {
            if (session.get("current").asBoolean()) {
                return session.get("id").asString();
            }
        }
        throw new AssertionError("no current session");
    }

    @Test
    void theSessionsRoutesListTheCurrentSessionAndNeedCsrfToChangeAnything() {
        PortalClient.Response listed = portal.get("/app/api/sessions");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().size()).isEqualTo(2); // the fixture's API sign-in and this portal sign-in
        String current = portalSessionId();

        PortalClient.Response noCsrf = portal.sendWithoutCsrf("POST", "/app/api/sessions/revoke-others", null);
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(noCsrf.json().get("error").asString()).isEqualTo("csrf");
        assertThat(portal.sendWithoutCsrf("DELETE", "/app/api/sessions/" + current, null)
                        .status())
                .isEqualTo(403);
        assertThat(portal.sendWithoutCsrf(
                                "POST",
                                "/app/api/password",
                                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "x".repeat(20)))
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/groups", owner.auth()).status())
                .as("nothing was revoked without CSRF")
                .isEqualTo(200);

        PortalClient.Response revoked = portal.post("/app/api/sessions/revoke-others", null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("revoked").asLong()).isEqualTo(1);
        assertThat(http.get("/api/groups", owner.auth()).status()).isEqualTo(401);
        assertThat(portal.get("/app/api/me").status()).isEqualTo(200);
        assertThat(portal.get("/app/sessions").status()).isEqualTo(200);
    }

    @Test
    void aRevokedSessionsCookiesAreRefusedOnEveryPortalRoute() {
        String session = portalSessionId();
        assertThat(portal.get("/app/dashboard").status()).isEqualTo(200);

        assertThat(http.delete("/auth/sessions/" + session, owner.auth()).status())
                .isEqualTo(204);

        for (String page : PAGES) {
            PortalClient.Response answer = portal.get("/app/" + page);
            assertThat(answer.status()).as(page).isEqualTo(302);
            assertThat(answer.header("Location")).as(page).startsWith("/app/login?next=");
        }
        assertThat(portal.get("/app/api/me").status()).isEqualTo(401);
        assertThat(portal.get("/app/api/proxy/group").status()).isEqualTo(401);
        assertThat(portal.get("/app/api/proxy/api-key").status()).isEqualTo(401);
        assertThat(portal.get("/app/api/groups").status()).isEqualTo(401);
        assertThat(portal.get("/app/api/account").status()).isEqualTo(401);
        assertThat(portal.get("/app/api/sessions").status()).isEqualTo(401);
        assertThat(portal.post("/app/api/sessions/revoke-others", null).status())
                .isEqualTo(401);
        assertThat(portal.post("/app/api/reauth", Map.of("password", Fixtures.PASSWORD))
                        .status())
                .isEqualTo(401);
        assertThat(portal.post("/app/api/switch-profile", Map.of("groupID", group))
                        .status())
                .isIn(401, 403);
        assertThat(http.get("/api/groups", "Authorization", "Bearer " + portal.cookies.get("token"))
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/api/groups", owner.auth()).status())
                .as("the owner's other session stays open")
                .isEqualTo(200);
    }

    @Test
    void signingOutOfThePortalEndsItsSession() {
        String session = portalSessionId();
        assertThat(portal.post("/app/api/logout", null).status()).isEqualTo(200);
        assertThat(http.get("/auth/sessions", owner.auth()).body()).doesNotContain(session);
    }

    @Test
    void theForgotAndResetPasswordPagesArePublicAndTheLoginPageLinksToIt() {
        PortalClient anonymous = new PortalClient(http.baseUrl());
        assertThat(anonymous.get("/app/login").body()).contains("href=\"/app/forgot-password\"");
        for (String page : List.of("forgot-password", "reset-password")) {
            PortalClient.Response answer = anonymous.get("/app/" + page);
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.body()).contains("/app/assets/pages/" + page + ".js");
        }
        assertThat(anonymous.get("/app/assets/pages/reset-password.js").body())
                .contains("/auth/password-reset/confirm");
    }
}
