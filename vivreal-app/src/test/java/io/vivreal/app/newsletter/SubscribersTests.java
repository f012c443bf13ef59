package io.vivreal.app.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sign-up through a site's form, double opt-in by mail, the links' pages, one-click unsubscribe
 * (RFC 8058) and the team's subscriber list — against a real SMTP server.
 */
class SubscribersTests extends NewsletterServer {

    static final String CONFIRM_SUBJECT_PREFIX = "Confirm your subscription to ";

    private Outbox.Mail confirmation(String email) {
        return firstMail(email, mail -> mail.subject().startsWith(CONFIRM_SUBJECT_PREFIX));
    }

    private static Outbox.Mail firstMail(String email, java.util.function.Predicate<Outbox.Mail> matches) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> received(email).stream()
                                .map(Outbox::parse)
                                .filter(matches)
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Joins as a person does: invited, the address verified through the mailed link, accepted. */
    private void addMember(Team team, Fixtures.User member, String role) {
        String invitation = fixtures.invite(team.owner(), team.group(), member.email(), role);
        String link = firstMail(member.email(), mail -> mail.text().contains("/auth/verify-email?token="))
                .link(http.baseUrl() + "/auth/verify-email?token=");
        assertThat(http.get(path(link)).status()).isEqualTo(303);
        Http.Response accepted = http.post("/api/invitations/" + invitation + "/accept", null, member.auth());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    }

    private String confirmLink(Team team, String email) {
        assertThat(signUp(team, email).status()).isEqualTo(201);
        return confirmation(email).link(http.baseUrl() + "/newsletter/confirm?token=");
    }

    private JsonNode subscribers(Team team, String query) {
        Http.Response list = http.get(
                "/api/groups/" + team.group() + "/subscribers" + query,
                team.owner().auth());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json();
    }

    private String status(Team team, String email) {
        for (JsonNode subscriber : subscribers(team, "?limit=200").get("items")) {
            if (subscriber.get("email").asString().equals(email)) {
                return subscriber.get("status").asString();
            }
        }
        return "absent";
    }

    private String path(String link) {
        return link.substring(http.baseUrl().length());
    }

    @Test
    void aSignUpIsPendingUntilTheLinkInTheMailIsConfirmed() {
        Team team = team("free");
        String email = "reader@fans.example.com";

        Http.Response answer = signUp(team, email);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("data").get("status").asString()).isEqualTo("received");
        assertThat(status(team, email)).isEqualTo("pending");

        Outbox.Mail mail = confirmation(email);
        assertThat(mail.subject()).startsWith(CONFIRM_SUBJECT_PREFIX).endsWith("Signups");
        assertThat(mail.from()).isEqualTo("Vivreal <" + OPERATOR + ">");
        assertThat(mail.html()).contains("Confirm my subscription");
        String link = mail.link(http.baseUrl() + "/newsletter/confirm?token=c1." + team.group() + ".");

        Http.Response page = http.get(path(link));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(status(team, email))
                .as("opening the link (a mail scanner) confirms nothing")
                .isEqualTo("pending");

        Http.Response confirmed = http.post(path(link), "", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Subscription confirmed");
        assertThat(status(team, email)).isEqualTo("confirmed");
        JsonNode row = subscribers(team, "?status=confirmed").get("items").get(0);
        assertThat(row.get("confirmedAt").isNull()).isFalse();
        assertThat(row.get("typeId").asString()).isEqualTo(team.signups());
    }

    @Test
    void repeatedSignUpsSendOneConfirmationAndAnswerAlike() {
        Team team = team("free");
        String email = "eager@fans.example.com";
        Http.Response first = signUp(team, email);
        confirmation(email);
        Http.Response second = signUp(team, email);
        Http.Response third = signUp(team, email.toUpperCase(java.util.Locale.ROOT));

        assertThat(List.of(first.status(), second.status(), third.status())).containsOnly(201);
        assertThat(second.json().get("data").properties().size())
                .isEqualTo(first.json().get("data").properties().size());
        // a moment for any mail that should not come
        await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(received(email)).hasSize(1);
        assertThat(subscribers(team, "").get("totalCount").asInt()).isEqualTo(1);

        // confirmed, signing up again sends nothing either
        String link = confirmation(email).link(http.baseUrl() + "/newsletter/confirm?token=");
        http.post(path(link), "", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(signUp(team, email).status()).isEqualTo(201);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(received(email)).hasSize(1);
        assertThat(status(team, email)).isEqualTo("confirmed");
    }

    @Test
    void aSignUpWithoutAnAddressIsRefusedNamingTheField() {
        Team team = team("free");
        Http.Response refused = http.post(
                "/tenant/definedCollectionObject",
                Map.of(
                        "collectionId",
                        team.signups(),
                        "type",
                        "subscribeUser",
                        "objectValue",
                        Map.of("email", "not an address\r\nBcc: victim@example.com")),
                "Authorization",
                team.key());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("objectValue.email").doesNotContain("victim");
        assertThat(subscribers(team, "").get("totalCount").asInt()).isZero();
    }

    @Test
    void tamperedOrForeignConfirmLinksAre400AndChangeNothing() {
        Team team = team("free");
        String email = "careful@fans.example.com";
        String link = confirmLink(team, email);
        String token = link.substring(link.indexOf("token=") + 6);
        char last = token.charAt(token.length() - 1);
        String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        String[] parts = token.split("\\.");
        String laterExpiry =
                parts[0] + "." + parts[1] + "." + parts[2] + "." + (Long.parseLong(parts[3]) + 1) + "." + parts[4];
        String asUnsubscribe = "u" + token.substring(1);
        Team other = team("free");
        String foreign = "c1." + other.group() + "." + parts[2] + "." + parts[3] + "." + parts[4];

        for (String bad : List.of(flipped, laterExpiry, asUnsubscribe, foreign, "", "x", token + "'--")) {
            Http.Response page = http.get("/newsletter/confirm?token="
                    + java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(page.status()).as(bad).isEqualTo(400);
            Http.Response post = http.post(
                    "/newsletter/confirm?token="
                            + java.net.URLEncoder.encode(bad, java.nio.charset.StandardCharsets.UTF_8),
                    "",
                    "Content-Type",
                    "application/x-www-form-urlencoded");
            assertThat(post.status()).as(bad).isEqualTo(400);
            assertThat(post.body()).doesNotContain("Exception").doesNotContain(email);
        }
        assertThat(status(team, email)).isEqualTo("pending");
        assertThat(http.post("/newsletter/confirm", "", "Content-Type", "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void expiredConfirmAndUnsubscribeLinksAre400AndChangeNothing() {
        Team team = team("free");
        String email = "late@fans.example.com";
        String link = confirmLink(team, email);
        String unsubscribe;
        try {
            CLOCK.offset.set(Duration.ofDays(8));
            Http.Response late = http.post(path(link), "", "Content-Type", "application/x-www-form-urlencoded");
            assertThat(late.status()).isEqualTo(400);
            assertThat(late.body()).contains("expired");
            assertThat(status(team, email)).isEqualTo("pending");
        } finally {
            CLOCK.offset.set(Duration.ZERO);
        }
        assertThat(http.post(path(link), "", "Content-Type", "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(200);
        unsubscribe = unsubscribeLinkOf(team, email);
        try {
            CLOCK.offset.set(Duration.ofDays(401));
            Http.Response late = http.post(
                    path(unsubscribe),
                    "List-Unsubscribe=One-Click",
                    "Content-Type",
                    "application/x-www-form-urlencoded");
            assertThat(late.status()).isEqualTo(400);
            assertThat(status(team, email)).isEqualTo("confirmed");
        } finally {
            CLOCK.offset.set(Duration.ZERO);
        }
    }

    /** A newsletter's unsubscribe link, taken from the first issue the address receives. */
    private String unsubscribeLinkOf(Team team, String email) {
        newsletter(team, "Fan Club");
        publish(team, Map.of("title", "Issue for " + email));
        Outbox.Mail issue = await().atMost(Duration.ofSeconds(15))
                .until(() -> mails(email, "Issue for " + email), found -> !found.isEmpty())
                .get(0);
        return issue.link(http.baseUrl() + "/newsletter/unsubscribe?token=u1.");
    }

    @Test
    void oneClickUnsubscribeTakesTheExactRfc8058BodyWithoutLogin() {
        Team team = team("free");
        String email = "leaving@fans.example.com";
        String link = confirmLink(team, email);
        http.post(path(link), "", "Content-Type", "application/x-www-form-urlencoded");
        String unsubscribe = unsubscribeLinkOf(team, email);

        Http.Response page = http.get(path(unsubscribe));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"List-Unsubscribe\" value=\"One-Click\"");
        assertThat(status(team, email)).as("a GET never unsubscribes").isEqualTo("confirmed");

        Http.Response noBody = http.post(path(unsubscribe), "", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(noBody.status()).isEqualTo(400);
        Http.Response wrongBody = http.post(
                path(unsubscribe), "List-Unsubscribe=Yes", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(wrongBody.status()).isEqualTo(400);
        String token = unsubscribe.substring(unsubscribe.indexOf("token=") + 6);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(http.post(
                                "/newsletter/unsubscribe?token=" + tampered,
                                "List-Unsubscribe=One-Click",
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(400);
        assertThat(status(team, email)).isEqualTo("confirmed");

        Http.Response oneClick = http.post(
                path(unsubscribe), "List-Unsubscribe=One-Click", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(oneClick.status()).as(oneClick.body()).isEqualTo(200);
        assertThat(status(team, email)).isEqualTo("unsubscribed");
        // the same click again (a mail program retrying) is fine
        assertThat(http.post(
                                path(unsubscribe),
                                "List-Unsubscribe=One-Click",
                                "Content-Type",
                                "application/x-www-form-urlencoded")
                        .status())
                .isEqualTo(200);

        publish(team, Map.of("title", "After leaving"));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(mails(email, "After leaving")).isEmpty();
    }

    @Test
    void theListIsPagedFilteredAndOnlyForOwnersAndAdmins() {
        Team team = team("free");
        seedConfirmed(team, "paged", 5);
        assertThat(signUp(team, "waiting@fans.example.com").status()).isEqualTo(201);

        JsonNode page = subscribers(team, "?limit=2&skip=1");
        assertThat(page.get("totalCount").asInt()).isEqualTo(6);
        assertThat(page.get("items").size()).isEqualTo(2);
        assertThat(subscribers(team, "?status=pending").get("totalCount").asInt())
                .isEqualTo(1);
        assertThat(subscribers(team, "?status=confirmed").get("totalCount").asInt())
                .isEqualTo(5);

        for (String bad : List.of("?status=everyone", "?limit=0", "?limit=abc", "?skip=-1", "?typeId=$ne")) {
            Http.Response refused = http.get(
                    "/api/groups/" + team.group() + "/subscribers" + bad,
                    team.owner().auth());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("field").asString()).isIn("status", "limit", "skip", "typeId");
        }
        Fixtures.User editor = fixtures.user();
        addMember(team, editor, "editor");
        assertThat(http.get("/api/groups/" + team.group() + "/subscribers", editor.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/groups/" + team.group() + "/subscribers.csv", editor.auth())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anotherGroupsSubscribersAreNotFoundAndTheAddressIsNeverEchoed() {
        Team mine = team("free");
        Team theirs = team("free");
        seedConfirmed(theirs, "private", 1);
        String theirId = http.get(
                        "/api/groups/" + theirs.group() + "/subscribers",
                        theirs.owner().auth())
                .json()
                .get("items")
                .get(0)
                .get("subscriberId")
                .asString();

        Http.Response delete = http.delete(
                "/api/groups/" + mine.group() + "/subscribers/" + theirId,
                mine.owner().auth());
        assertThat(delete.status()).isEqualTo(404);
        assertThat(http.get(
                                "/api/groups/" + theirs.group() + "/subscribers",
                                mine.owner().auth())
                        .status())
                .isEqualTo(404);
        assertThat(subscribers(mine, "").get("totalCount").asInt()).isZero();
        // a sign-up of an address another group has answers exactly like any other
        Http.Response answer = signUp(mine, "private0@readers.example.com");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body()).doesNotContain("private0");
        assertThat(subscribers(theirs, "").get("totalCount").asInt()).isEqualTo(1);

        assertThat(http.delete(
                                "/api/groups/" + theirs.group() + "/subscribers/" + theirId,
                                theirs.owner().auth())
                        .status())
                .isEqualTo(204);
        assertThat(subscribers(theirs, "").get("totalCount").asInt()).isZero();
        assertThat(http.delete(
                                "/api/groups/" + theirs.group() + "/subscribers/not-an-id",
                                theirs.owner().auth())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theCsvExportDefusesFormulas() {
        Team team = team("free");
        for (String email : List.of(
                "=1+2@evil.example.com", "+sum@evil.example.com", "-x@evil.example.com", "plain@fans.example.com")) {
            assertThat(signUp(team, email).status()).as(email).isEqualTo(201);
        }

        Http.Response csv = http.get(
                "/api/groups/" + team.group() + "/subscribers.csv", team.owner().auth());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-type")).startsWith("text/csv");
        assertThat(csv.header("content-disposition")).contains("attachment");
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("subscriberId,email,status,typeId,createdAt,confirmedAt,unsubscribedAt");
        assertThat(lines).hasSize(5);
        List<String> emails =
                lines.subList(1, 5).stream().map(line -> line.split(",")[1]).toList();
        assertThat(emails)
                .containsExactlyInAnyOrder(
                        "'=1+2@evil.example.com",
                        "'+sum@evil.example.com",
                        "'-x@evil.example.com",
                        "plain@fans.example.com");
        for (String line : lines.subList(1, 5)) {
            for (String cell : line.split(",")) {
                assertThat(cell)
                        .doesNotStartWith("=")
                        .doesNotStartWith("+")
                        .doesNotStartWith("-")
                        .doesNotStartWith("@");
            }
        }
    }

    @Test
    void aNewsletterChannelNeedsOneOfTheGroupsSubmissionTypes() {
        Team team = team("free");
        Team other = team("free");
        for (Object typeId : java.util.Arrays.asList(team.posts(), other.signups(), "nope", 42)) {
            Http.Response refused = http.post(
                    "/api/groups/" + team.group() + "/channels",
                    Map.of("type", "newsletter", "name", "N", "settings", Map.of("subscribersTypeId", typeId)),
                    team.owner().auth());
            assertThat(refused.status()).as(String.valueOf(typeId)).isEqualTo(400);
            assertThat(refused.json().get("field").asString()).isEqualTo("settings.subscribersTypeId");
        }
        Http.Response missing = http.post(
                "/api/groups/" + team.group() + "/channels",
                Map.of("type", "newsletter", "name", "N", "settings", Map.of()),
                team.owner().auth());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asString()).isEqualTo("settings.subscribersTypeId");
        Http.Response address = http.post(
                "/api/groups/" + team.group() + "/channels",
                Map.of(
                        "type",
                        "newsletter",
                        "name",
                        "N",
                        "settings",
                        Map.of("subscribersTypeId", team.signups(), "fromName", "x <evil@example.com>")),
                team.owner().auth());
        assertThat(address.status()).isEqualTo(400);
        assertThat(address.json().get("field").asString()).isEqualTo("settings.fromName");
        assertThat(newsletter(team, "Fan Club")).matches("[0-9a-f]{24}");
    }
}
