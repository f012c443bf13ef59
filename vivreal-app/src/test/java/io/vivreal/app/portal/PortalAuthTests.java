package io.vivreal.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.PortalClient;
import io.vivreal.app.support.ServerTest;
import io.vivreal.portal.auth.ActiveContext;
import io.vivreal.portal.auth.ContextTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The portal's cookie authentication, context, CSRF and proxy rules, over real HTTP. */
class PortalAuthTests extends ServerTest {

    @Autowired
    ContextTokens contextTokens;

    Fixtures.User owner;
    String group;
    PortalClient portal;

    @BeforeEach
    void ownerWithGroup() {
        owner = fixtures.user();
        group = fixtures.group(owner);
        portal = browser().loggedIn(owner.email(), Fixtures.PASSWORD);
    }

    PortalClient browser() {
        return new PortalClient("http://localhost:" + port);
    }

    /** A new user added to the owner's group with this role. */
    Fixtures.User member(String role) {
        Fixtures.User user = fixtures.user();
        fixtures.addMember(owner, group, user, role);
        return user;
    }

    // --- pages and the login middleware ---

    @Test
    void aPageWithoutTokenRedirectsToLoginWithNext() {
        PortalClient.Response page = browser().get("/app/content?type=abc");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo("/app/login?next=%2Fapp%2Fcontent%3Ftype%3Dabc");
    }

    @Test
    void anInvalidOrExpiredTokenClearsTheCookiesAndRedirects() {
        PortalClient anonymous = browser();
        anonymous.cookies.put("token", flipOneByte(portal.cookies.get("token")));
        anonymous.cookies.put("active_ctx", portal.cookies.get("active_ctx"));
        PortalClient.Response page = anonymous.get("/app/dashboard");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).startsWith("/app/login?next=");
        assertThat(page.setCookie("token")).contains("Max-Age=0");
        assertThat(page.setCookie("active_ctx")).contains("Max-Age=0");
    }

    @Test
    void loginSetsTheThreeCookiesWithTheirAttributes() {
        PortalClient client = browser().openLoginPage();
        PortalClient.Response login = client.login(owner.email(), Fixtures.PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        String token = login.setCookie("token");
        assertThat(token).contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");
        assertThat(login.setCookie("active_ctx")).contains("HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(login.setCookie("csrf_token")).contains("SameSite=Lax").doesNotContain("HttpOnly");
        assertThat(login.json().get("activeGroup").get("groupID").asString()).isEqualTo(group);
        // The context carries what the seed names, signed (HS256) — readable, not forgeable.
        String[] parts = client.cookies.get("active_ctx").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims)
                .contains(
                        "\"groupID\":\"" + group + "\"",
                        "\"role\":\"owner\"",
                        "\"tier\":\"free\"",
                        "\"dbKey\"",
                        "\"bucketName\"",
                        "\"sub\":\"" + owner.id() + "\"",
                        "\"exp\"",
                        "\"mv\"");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]))).contains("HS256");
    }

    @Test
    void wrongCredentialsAnswer401AndSetNoSession() {
        PortalClient client = browser().openLoginPage();
        PortalClient.Response login = client.login(owner.email(), "wrong password!");
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.json().get("error").asString()).isEqualTo("invalid_credentials");
        assertThat(client.cookies).doesNotContainKeys("token", "active_ctx");
    }

    @Test
    void securityHeadersOnEveryPortalPage() {
        for (String path : List.of("/app/login", "/app/signup", "/app/pricing", "/app/dashboard", "/app/settings")) {
            PortalClient.Response page = portal.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            String csp = page.header("Content-Security-Policy");
            assertThat(csp)
                    .as(path)
                    .contains("script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("Referrer-Policy")).isNotBlank();
            assertThat(page.header("Content-Type")).startsWith("text/html");
        }
        assertThat(portal.get("/app/assets/app.js").header("Content-Security-Policy"))
                .isNotBlank();
    }

    // --- the proxy and active_ctx ---

    @Test
    void theProxyServesTheActiveGroup() {
        PortalClient.Response detail = portal.get("/app/api/proxy/group");
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        assertThat(detail.json().get("groupID").asString()).isEqualTo(group);
        assertThat(portal.get("/app/api/proxy/members")
                        .json()
                        .get(0)
                        .get("userId")
                        .asString())
                .isEqualTo(owner.id());
    }

    @Test
    void overTwoHundredCookiesAreA400NeverA500() {
        // PortalCookiesFuzzTests found that Tomcat's getCookies() throws for such a header; over
        // HTTP the container refuses the request first, and PortalCookies reads it as no cookies
        for (int i = 0; i < 201; i++) {
            portal.cookies.put("c" + i, "x");
        }
        assertThat(portal.get("/app/dashboard").status()).isEqualTo(400);
        assertThat(portal.get("/app/api/proxy/group").status()).isEqualTo(400);
    }

    @Test
    void aTamperedContextIsRefusedWith401InvalidContext() {
        portal.cookies.put("active_ctx", flipOneByte(portal.cookies.get("active_ctx")));
        assertInvalidContext(portal.get("/app/api/proxy/group"));
        assertInvalidContext(portal.post("/app/api/proxy/content-types", Map.of("name", "X", "fields", List.of())));
    }

    @Test
    void anotherUsersContextWithMyTokenIsRefused() {
        Fixtures.User other = fixtures.user();
        fixtures.group(other);
        PortalClient otherPortal = browser().loggedIn(other.email(), Fixtures.PASSWORD);
        portal.cookies.put("active_ctx", otherPortal.cookies.get("active_ctx"));
        assertInvalidContext(portal.get("/app/api/proxy/group"));
    }

    @Test
    void aMissingContextOrTokenIsRefused() {
        PortalClient noContext = browser().loggedIn(owner.email(), Fixtures.PASSWORD);
        noContext.cookies.remove("active_ctx");
        assertInvalidContext(noContext.get("/app/api/proxy/group"));
        PortalClient noToken = browser();
        noToken.cookies.put("active_ctx", portal.cookies.get("active_ctx"));
        assertInvalidContext(noToken.get("/app/api/proxy/group"));
    }

    @Test
    void anExpiredOrForeignSignedContextIsRefused() {
        ActiveContext expired = new ActiveContext(
                owner.id(),
                group,
                "general_shared",
                "x",
                "owner",
                "free",
                0,
                Instant.now().minusSeconds(5));
        portal.cookies.put("active_ctx", contextTokens.sign(expired));
        assertInvalidContext(portal.get("/app/api/proxy/group"));

        ActiveContext valid = new ActiveContext(
                owner.id(),
                group,
                "general_shared",
                "x",
                "owner",
                "free",
                0,
                Instant.now().plusSeconds(600));
        ContextTokens otherKey = new ContextTokens("another-secret-another-secret-32".getBytes(), Clock.systemUTC());
        portal.cookies.put("active_ctx", otherKey.sign(valid));
        assertInvalidContext(portal.get("/app/api/proxy/group"));

        // alg:none with the same claims
        String signed = contextTokens.sign(valid);
        String unsigned = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\",\"typ\":\"vivreal-ctx+jwt\"}".getBytes())
                + "." + signed.split("\\.")[1] + ".";
        portal.cookies.put("active_ctx", unsigned);
        assertInvalidContext(portal.get("/app/api/proxy/group"));

        // and the genuine one works, so the refusals above are about the signature and expiry
        portal.cookies.put("active_ctx", signed);
        assertThat(portal.get("/app/api/proxy/group").status()).isEqualTo(200);
    }

    @Test
    void aDemotedMembersOldContextStopsWorkingAtOnce() {
        Fixtures.User admin = member("admin");
        PortalClient adminPortal = browser().loggedIn(admin.email(), Fixtures.PASSWORD);
        assertThat(adminPortal.get("/app/api/proxy/api-key").status()).isEqualTo(200);
        String oldContext = adminPortal.cookies.get("active_ctx");

        assertThat(http.put("/api/groups/" + group + "/members/" + admin.id(), Map.of("role", "viewer"), owner.auth())
                        .status())
                .isEqualTo(200);
        assertInvalidContext(adminPortal.get("/app/api/proxy/group"));

        // Switching again re-checks the membership and signs the new role.
        assertThat(adminPortal.switchTo(group).status()).isEqualTo(200);
        assertThat(adminPortal.cookies.get("active_ctx")).isNotEqualTo(oldContext);
        assertThat(adminPortal
                        .get("/app/api/me")
                        .json()
                        .get("active")
                        .get("role")
                        .asString())
                .isEqualTo("viewer");
        assertThat(adminPortal.get("/app/api/proxy/api-key").status()).isEqualTo(403);
    }

    @Test
    void aRemovedMembersContextStopsWorkingAndCannotBeRevivedByReAdding() {
        Fixtures.User editor = member("editor");
        PortalClient editorPortal = browser().loggedIn(editor.email(), Fixtures.PASSWORD);
        String oldContext = editorPortal.cookies.get("active_ctx");
        assertThat(http.delete("/api/groups/" + group + "/members/" + editor.id(), owner.auth())
                        .status())
                .isEqualTo(204);
        assertInvalidContext(editorPortal.get("/app/api/proxy/group"));
        assertThat(editorPortal.switchTo(group).status()).isEqualTo(404);

        fixtures.addMember(owner, group, editor, "editor");
        editorPortal.cookies.put("active_ctx", oldContext);
        assertInvalidContext(editorPortal.get("/app/api/proxy/group"));
    }

    @Test
    void switchingToAGroupThatIsNotMineIsNotFoundAndKeepsMyContext() {
        Fixtures.User other = fixtures.user();
        String othersGroup = fixtures.group(other);
        String before = portal.cookies.get("active_ctx");
        PortalClient.Response switched = portal.switchTo(othersGroup);
        assertThat(switched.status()).isEqualTo(404);
        assertThat(switched.setCookie("active_ctx")).isNull();
        assertThat(portal.cookies.get("active_ctx")).isEqualTo(before);
        assertThat(portal.switchTo("{\"$ne\":null}").status()).isEqualTo(404);
    }

    @Test
    void aGroupIdInTheBodyOrQueryNeverChoosesTheGroup() {
        Fixtures.User other = fixtures.user();
        String othersGroup = fixtures.group(other);
        PortalClient.Response created = portal.post(
                "/app/api/proxy/content-types?groupID=" + othersGroup + "&groupId=" + othersGroup,
                Map.of("name", "Posts", "fields", List.of(Map.of("name", "title", "type", "text"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("groupID").asString()).isEqualTo(group);
        // A body naming a group is refused outright by the strict schema, and nothing is written.
        PortalClient.Response smuggled = portal.post(
                "/app/api/proxy/content-types", Map.of("name", "Other", "groupID", othersGroup, "fields", List.of()));
        assertThat(smuggled.status()).isEqualTo(400);
        assertThat(http.get("/api/groups/" + othersGroup + "/content-types", other.auth())
                        .json()
                        .size())
                .isZero();
        assertThat(portal.get("/app/api/proxy/content-types").json().size()).isEqualTo(1);
    }

    @Test
    void proxyPathsOutsideTheGroupAreRefused() {
        for (String path : List.of(
                "/app/api/proxy/..%2F..%2Fgroups",
                "/app/api/proxy/%2e%2e/other",
                "/app/api/proxy/.hidden",
                "/app/api/proxy/content-types/%24where",
                "/app/api/proxy/a//b")) {
            PortalClient.Response answer = portal.get(path);
            assertThat(answer.status()).as(path).isBetween(400, 404);
            assertThat(answer.body()).as(path).doesNotContain("Exception", "at io.");
        }
    }

    // --- the person's own routes: account and invitations ---

    @Test
    void invitationsAreAnsweredThroughThePortalWithCsrfOnEveryStateChange() {
        Fixtures.User invitee = fixtures.verifiedUser();
        String id = fixtures.invite(owner, group, invitee.email(), "viewer");
        PortalClient theirs = browser().loggedIn(invitee.email(), Fixtures.PASSWORD);

        assertThat(theirs.get("/app/api/account").json().get("emailVerified").asBoolean())
                .isTrue();
        assertThat(theirs.get("/app/api/invitations").body()).contains(id);
        assertCsrf(theirs.sendWithoutCsrf("POST", "/app/api/invitations/" + id + "/accept", null));
        assertCsrf(theirs.sendWithoutCsrf("POST", "/app/api/invitations/" + id + "/decline", null));
        assertCsrf(theirs.sendWithoutCsrf("POST", "/app/api/account/verification-mail", null));
        assertThat(browser().get("/app/api/invitations").status()).isEqualTo(401);
        // only these routes are forwarded; nothing else of /api is reachable this way
        for (String path : List.of(
                "/app/api/invitations/" + id,
                "/app/api/invitations/" + id + "/accept/x",
                "/app/api/account/../groups/" + group + "/api-key",
                "/app/api/account/audit")) {
            assertThat(theirs.get(path).status()).as(path).isBetween(400, 405);
        }
        assertThat(http.get("/api/groups/" + group + "/members", owner.auth())
                        .json()
                        .size())
                .isEqualTo(1);

        PortalClient.Response accepted = theirs.post("/app/api/invitations/" + id + "/accept", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("groupID").asString()).isEqualTo(group);
        assertThat(theirs.switchTo(group).status()).isEqualTo(200);
        assertThat(theirs.get("/app/api/proxy/group").status()).isEqualTo(200);
    }

    // --- CSRF ---

    @Test
    void aStateChangingProxyCallWithoutOrWithAWrongCsrfHeaderIsRefusedAndChangesNothing() {
        Map<String, Object> type = Map.of("name", "Posts", "fields", List.of());
        assertCsrf(portal.sendWithoutCsrf("POST", "/app/api/proxy/content-types", type));
        assertCsrf(portal.sendWithoutCsrf(
                "POST", "/app/api/proxy/content-types", type, "X-CSRF-Token", portal.cookies.get("csrf_token") + "x"));
        assertCsrf(portal.sendWithoutCsrf("POST", "/app/api/proxy/api-key/regenerate", null));
        assertCsrf(portal.sendWithoutCsrf("DELETE", "/app/api/proxy/members/" + owner.id(), null));
        assertCsrf(portal.sendWithoutCsrf("PUT", "/app/api/proxy/members/" + owner.id(), Map.of("role", "viewer")));
        assertThat(portal.get("/app/api/proxy/content-types").json().size()).isZero();
        assertThat(portal.get("/app/api/proxy/members")
                        .json()
                        .get(0)
                        .get("role")
                        .asString())
                .isEqualTo("owner");
    }

    @Test
    void cookieTossingIsRefused() {
        // A sibling subdomain can plant a cookie, and a page there could send the same value as the
        // header — but it cannot sign it for this session.
        String planted = "AAAAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        portal.cookies.put("csrf_token", planted);
        assertCsrf(portal.post("/app/api/proxy/content-types", Map.of("name", "Posts", "fields", List.of())));
        assertThat(portal.get("/app/api/proxy/content-types").json().size()).isZero();
    }

    @Test
    void aCsrfTokenOfAnotherSessionIsRefused() {
        PortalClient otherSession = browser().loggedIn(owner.email(), Fixtures.PASSWORD);
        portal.cookies.put("csrf_token", otherSession.cookies.get("csrf_token"));
        assertCsrf(portal.post("/app/api/proxy/content-types", Map.of("name", "Posts", "fields", List.of())));
        // An anonymous (pre-login) token is not a session's token either.
        portal.cookies.put("csrf_token", browser().openLoginPage().cookies.get("csrf_token"));
        assertCsrf(portal.post("/app/api/proxy/content-types", Map.of("name", "Posts", "fields", List.of())));
    }

    @Test
    void loginLogoutAndSwitchNeedTheCsrfToken() {
        PortalClient client = browser().openLoginPage();
        PortalClient.Response login = client.sendWithoutCsrf(
                "POST", "/app/api/login", Map.of("email", owner.email(), "password", Fixtures.PASSWORD));
        assertCsrf(login);
        assertThat(client.cookies).doesNotContainKey("token");
        client.cookies.put("csrf_token", "forged.value");
        assertCsrf(client.post("/app/api/login", Map.of("email", owner.email(), "password", Fixtures.PASSWORD)));

        assertCsrf(portal.sendWithoutCsrf("POST", "/app/api/switch-profile", Map.of("groupID", group)));
        assertCsrf(portal.sendWithoutCsrf("POST", "/app/api/logout", null));
        assertThat(portal.get("/app/api/proxy/group").status()).isEqualTo(200);
    }

    // --- logout ---

    @Test
    void afterLogoutTheOldTokenIsRefusedEverywhere() {
        String token = portal.cookies.get("token");
        String context = portal.cookies.get("active_ctx");
        PortalClient.Response logout = portal.post("/app/api/logout", null);
        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.setCookie("token")).contains("Max-Age=0");
        assertThat(logout.setCookie("active_ctx")).contains("Max-Age=0");

        PortalClient replay = browser();
        replay.cookies.put("token", token);
        replay.cookies.put("active_ctx", context);
        assertInvalidContext(replay.get("/app/api/proxy/group"));
        assertThat(replay.get("/app/api/me").status()).isEqualTo(401);
        assertThat(replay.get("/app/dashboard").status()).isEqualTo(302);
        assertThat(http.get("/api/groups", "Authorization", "Bearer " + token).status())
                .isEqualTo(401);
        // Other sessions of the same user are not affected.
        assertThat(http.get("/api/groups", owner.auth()).status()).isEqualTo(200);
    }

    // --- me and groups ---

    @Test
    void meAnswersTheUserTheActiveGroupAndTheirGroups() {
        PortalClient.Response me = portal.get("/app/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("user").get("email").asString()).isEqualTo(owner.email());
        assertThat(me.json().get("active").get("groupID").asString()).isEqualTo(group);
        assertThat(me.json().get("groups").size()).isEqualTo(1);
        assertThat(browser().get("/app/api/me").status()).isEqualTo(401);
    }

    @Test
    void signupCreatesAnAccountAndSignsIn() {
        PortalClient client = browser().openLoginPage();
        String email = "portal-" + System.nanoTime() + "@example.com";
        PortalClient.Response signup =
                client.post("/app/api/signup", Map.of("email", email, "password", Fixtures.PASSWORD, "name", "New"));
        assertThat(signup.status()).as(signup.body()).isEqualTo(201);
        assertThat(client.cookies).containsKeys("token", "csrf_token").doesNotContainKey("active_ctx");
        PortalClient.Response created = client.post("/app/api/groups", Map.of("name", "Fresh"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(client.switchTo(created.json().get("groupID").asString()).status())
                .isEqualTo(200);
        assertThat(client.get("/app/dashboard").status()).isEqualTo(200);
        PortalClient.Response weak =
                browser().openLoginPage().post("/app/api/signup", Map.of("email", "x" + email, "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("field").asString()).isEqualTo("password");
    }

    @Test
    void pagesNeedingAGroupGoToThePickerWithoutAContext() {
        PortalClient noContext = browser().loggedIn(owner.email(), Fixtures.PASSWORD);
        noContext.cookies.remove("active_ctx");
        PortalClient.Response page = noContext.get("/app/dashboard");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).isEqualTo("/app/groups");
        assertThat(noContext.get("/app/groups").status()).isEqualTo(200);
    }

    @Test
    void tiersArePublic() {
        PortalClient.Response tiers = browser().get("/app/api/tiers");
        assertThat(tiers.status()).isEqualTo(200);
        assertThat(tiers.json().get(0).get("tier").asString()).isEqualTo("free");
        assertThat(tiers.json().get(0).get("contentItems").asLong()).isEqualTo(100);
    }

    private static void assertInvalidContext(PortalClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().get("error").asString()).isEqualTo("invalid_context");
        assertThat(response.header("Location")).isNull();
    }

    private static void assertCsrf(PortalClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.json().get("error").asString()).isEqualTo("csrf");
    }

    private static String flipOneByte(String value) {
        int at = value.length() / 2;
        char c = value.charAt(at);
        return value.substring(0, at) + (c == 'A' ? 'B' : 'A') + value.substring(at + 1);
    }
}
