package io.vivreal.app.groups;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.Outbox;
import io.vivreal.app.support.ServerTest;
import io.vivreal.core.store.ControlPlane;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Invitations are pending until the invited person accepts while signed in with that address,
 * verified. Whoever registered an address first gains nothing; an invitation of another address
 * or another group is "not found"; a closed one is a conflict; and a refused step changes nothing.
 */
class InvitationsTests extends ServerTest {

    @Autowired
    ControlPlane controlPlane;

    private String members(String group) {
        return "/api/groups/" + group + "/members";
    }

    private int memberCount(Fixtures.User owner, String group) {
        return http.get(members(group), owner.auth()).json().size();
    }

    @Test
    void anInvitationAddsNobodyUntilTheVerifiedInviteeAccepts() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User invitee = fixtures.verifiedUser();
        String group = fixtures.group(owner);

        Http.Response invited = http.post(
                members(group),
                Map.of("email", "  " + invitee.email().toUpperCase(java.util.Locale.ROOT), "role", "editor"),
                owner.auth());

        assertThat(invited.status()).isEqualTo(201);
        JsonNode invitation = invited.json();
        String id = invitation.get("invitationId").asString();
        assertThat(invitation.get("email").asString()).isEqualTo(invitee.email());
        assertThat(invitation.get("role").asString()).isEqualTo("editor");
        assertThat(invitation.get("status").asString()).isEqualTo("pending");
        assertThat(Instant.parse(invitation.get("expiresAt").asString()))
                .isBetween(
                        Instant.now().plus(java.time.Duration.ofDays(7)).minusSeconds(60),
                        Instant.now().plus(java.time.Duration.ofDays(7)));
        assertThat(memberCount(owner, group)).isEqualTo(1);
        assertThat(http.get("/api/groups/" + group, invitee.auth()).status()).isEqualTo(404);

        Outbox.Mail mail =
                fixtures.outbox().await(invitee.email(), m -> m.subject().contains("invited you"));
        assertThat(mail.subject()).isEqualTo("Test User invited you to " + groupName(owner, group) + " on Vivreal");
        assertThat(mail.text()).contains(http.baseUrl() + "/app/groups?invitation=" + id, "as editor");
        assertThat(mail.html()).contains("/app/groups?invitation=" + id);

        JsonNode mine = http.get("/api/invitations", invitee.auth()).json();
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).get("invitationId").asString()).isEqualTo(id);
        assertThat(mine.get(0).get("groupID").asString()).isEqualTo(group);

        Http.Response accepted = http.post("/api/invitations/" + id + "/accept", null, invitee.auth());

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("groupID").asString()).isEqualTo(group);
        assertThat(accepted.json().get("role").asString()).isEqualTo("editor");
        assertThat(memberCount(owner, group)).isEqualTo(2);
        assertThat(http.get("/api/groups", invitee.auth()).body()).contains(group);
        assertThat(http.get("/api/invitations", invitee.auth()).json().size()).isZero();
        assertThat(http.get("/api/groups/" + group + "/invitations", owner.auth())
                        .json()
                        .size())
                .isZero();
        Http.Response again = http.post("/api/invitations/" + id + "/accept", null, invitee.auth());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asString()).isEqualTo("invitation_closed");
    }

    @Test
    void whoeverRegisteredTheAddressFirstCannotAcceptWithoutProvingIt() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        // Eve signs up with the address the owner is about to invite, and never receives its mail
        Fixtures.User eve = fixtures.user();

        String id = fixtures.invite(owner, group, eve.email(), "admin");

        assertThat(http.get("/api/invitations", eve.auth()).json().size()).isZero();
        Http.Response accept = http.post("/api/invitations/" + id + "/accept", null, eve.auth());
        assertThat(accept.status()).isEqualTo(403);
        assertThat(accept.json().get("error").asString()).isEqualTo("email_unverified");
        assertThat(http.post("/api/invitations/" + id + "/decline", null, eve.auth())
                        .status())
                .isEqualTo(403);
        assertThat(memberCount(owner, group)).isEqualTo(1);
        assertThat(http.get("/api/groups/" + group + "/invitations", owner.auth())
                        .body())
                .contains(id, "\"status\":\"pending\"");
    }

    @Test
    void anInvitationOfAnotherAddressIsNotFound() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User ann = fixtures.verifiedUser();
        Fixtures.User mallory = fixtures.verifiedUser();
        String group = fixtures.group(owner);
        String id = fixtures.invite(owner, group, ann.email(), "viewer");

        Http.Response accept = http.post("/api/invitations/" + id + "/accept", null, mallory.auth());
        Http.Response decline = http.post("/api/invitations/" + id + "/decline", null, mallory.auth());
        Http.Response missing = http.post("/api/invitations/0123456789abcdef01234567/accept", null, mallory.auth());

        assertThat(accept.status()).isEqualTo(404);
        assertThat(decline.status()).isEqualTo(404);
        assertThat(accept.body()).isEqualTo(missing.body());
        assertThat(http.get("/api/invitations", mallory.auth()).body()).doesNotContain(id);
        assertThat(memberCount(owner, group)).isEqualTo(1);
        // untouched: the invited person still accepts it
        assertThat(http.post("/api/invitations/" + id + "/accept", null, ann.auth())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anInvitationIdOfAnotherGroupIsNotFound() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User otherOwner = fixtures.user();
        String group = fixtures.group(owner);
        String otherGroup = fixtures.group(otherOwner);
        String theirs =
                fixtures.invite(otherOwner, otherGroup, "someone-" + System.nanoTime() + "@example.com", "viewer");

        Http.Response revoke = http.delete("/api/groups/" + group + "/invitations/" + theirs, owner.auth());
        Http.Response missing =
                http.delete("/api/groups/" + group + "/invitations/0123456789abcdef01234567", owner.auth());
        Http.Response malformed = http.delete("/api/groups/" + group + "/invitations/%7B%22$ne%22:1%7D", owner.auth());

        assertThat(revoke.status()).isEqualTo(404);
        assertThat(revoke.body()).isEqualTo(missing.body());
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(http.get("/api/groups/" + group + "/invitations", owner.auth())
                        .body())
                .doesNotContain(theirs);
        // and the other group's own list is closed to outsiders
        assertThat(http.get("/api/groups/" + otherGroup + "/invitations", owner.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.delete("/api/groups/" + otherGroup + "/invitations/" + theirs, owner.auth())
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/groups/" + otherGroup + "/invitations", otherOwner.auth())
                        .body())
                .contains(theirs, "\"status\":\"pending\"");
    }

    @Test
    void aRevokedInvitationCannotBeAccepted() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User invitee = fixtures.verifiedUser();
        String group = fixtures.group(owner);
        String id = fixtures.invite(owner, group, invitee.email(), "viewer");

        assertThat(http.delete("/api/groups/" + group + "/invitations/" + id, owner.auth())
                        .status())
                .isEqualTo(204);

        Http.Response accept = http.post("/api/invitations/" + id + "/accept", null, invitee.auth());
        assertThat(accept.status()).isEqualTo(409);
        assertThat(accept.json().get("error").asString()).isEqualTo("invitation_closed");
        assertThat(accept.json().get("message").asString()).contains("revoked");
        assertThat(http.delete("/api/groups/" + group + "/invitations/" + id, owner.auth())
                        .status())
                .isEqualTo(409);
        assertThat(memberCount(owner, group)).isEqualTo(1);
        assertThat(http.get("/api/groups/" + group + "/audit", owner.auth()).body())
                .contains("invitation.revoked", "invitation.created");
    }

    @Test
    void anExpiredInvitationCannotBeAcceptedAndIsNoLongerOffered() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User invitee = fixtures.verifiedUser();
        String group = fixtures.group(owner);
        String id = fixtures.invite(owner, group, invitee.email(), "viewer");
        controlPlane
                .collection("invitations")
                .updateOne(
                        Filters.eq("_id", new ObjectId(id)),
                        Updates.set("expiresAt", Date.from(Instant.now().minusSeconds(1))));

        Http.Response accept = http.post("/api/invitations/" + id + "/accept", null, invitee.auth());

        assertThat(accept.status()).isEqualTo(409);
        assertThat(accept.json().get("error").asString()).isEqualTo("invitation_expired");
        assertThat(http.get("/api/invitations", invitee.auth()).json().size()).isZero();
        assertThat(http.get("/api/groups/" + group + "/invitations", owner.auth())
                        .body())
                .contains("\"status\":\"expired\"");
        assertThat(memberCount(owner, group)).isEqualTo(1);
    }

    @Test
    void reInvitingReplacesTheOpenInvitation() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User invitee = fixtures.verifiedUser();
        String group = fixtures.group(owner);
        String first = fixtures.invite(owner, group, invitee.email(), "viewer");
        String second = fixtures.invite(owner, group, invitee.email(), "editor");

        JsonNode open =
                http.get("/api/groups/" + group + "/invitations", owner.auth()).json();
        assertThat(open.size()).isEqualTo(1);
        assertThat(open.get(0).get("invitationId").asString()).isEqualTo(second);
        assertThat(http.post("/api/invitations/" + first + "/accept", null, invitee.auth())
                        .status())
                .isEqualTo(409);
        Http.Response accepted = http.post("/api/invitations/" + second + "/accept", null, invitee.auth());
        assertThat(accepted.json().get("role").asString()).isEqualTo("editor");
    }

    @Test
    void aDeclinedInvitationIsClosed() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User invitee = fixtures.verifiedUser();
        String group = fixtures.group(owner);
        String id = fixtures.invite(owner, group, invitee.email(), "viewer");

        assertThat(http.post("/api/invitations/" + id + "/decline", null, invitee.auth())
                        .status())
                .isEqualTo(204);

        assertThat(http.post("/api/invitations/" + id + "/accept", null, invitee.auth())
                        .status())
                .isEqualTo(409);
        assertThat(http.get("/api/groups/" + group + "/invitations", owner.auth())
                        .json()
                        .size())
                .isZero();
        assertThat(memberCount(owner, group)).isEqualTo(1);
    }

    @Test
    void onlyOwnersAndAdminsInviteListAndRevokeAndOnlyOwnersInviteOwners() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User admin = fixtures.user();
        Fixtures.User editor = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, admin, "admin");
        fixtures.addMember(owner, group, editor, "editor");
        String id = fixtures.invite(admin, group, "new-" + System.nanoTime() + "@example.com", "viewer");

        assertThat(http.post(members(group), Map.of("email", "x@example.com", "role", "viewer"), editor.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/groups/" + group + "/invitations", editor.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.delete("/api/groups/" + group + "/invitations/" + id, editor.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.post(members(group), Map.of("email", "x@example.com", "role", "owner"), admin.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/groups/" + group + "/invitations", admin.auth())
                        .body())
                .contains(id)
                .doesNotContain("x@example.com");
    }

    @Test
    void badAddressesAreAClear400AndRecordNothing() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);

        for (String email : new String[] {
            "", "not-an-address", "a@b.example\r\nBcc: eve@example.com", "a@example.com, b@example.com"
        }) {
            Http.Response refused = http.post(members(group), Map.of("email", email, "role", "viewer"), owner.auth());
            assertThat(refused.status()).as(email).isEqualTo(400);
            assertThat(refused.json().get("field").asString()).isEqualTo("email");
        }
        assertThat(http.get("/api/groups/" + group + "/invitations", owner.auth())
                        .json()
                        .size())
                .isZero();
    }

    @Test
    void oneGroupSendsAtMostThirtyInvitationsAnHour() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        for (int i = 0; i < 30; i++) {
            fixtures.invite(owner, group, "bulk-" + i + "-" + System.nanoTime() + "@example.com", "viewer");
        }
        String extra = "bulk-extra-" + System.nanoTime() + "@example.com";

        Http.Response limited = http.post(members(group), Map.of("email", extra, "role", "viewer"), owner.auth());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("retry-after")).isNotBlank();
        assertThat(http.get("/api/groups/" + group + "/invitations", owner.auth())
                        .body())
                .doesNotContain(extra);
        assertThat(fixtures.outbox().countTo(extra)).isZero();
        // another group is not held back by this one
        String other = fixtures.group(owner);
        fixtures.invite(owner, other, extra, "viewer");
    }

    @Test
    void theInvitationRoutesNeedASignedInUser() {
        assertThat(http.get("/api/invitations").status()).isEqualTo(401);
        assertThat(http.post("/api/invitations/0123456789abcdef01234567/accept", null)
                        .status())
                .isEqualTo(401);
        assertThat(http.get("/api/account").status()).isEqualTo(401);
    }

    private String groupName(Fixtures.User owner, String group) {
        return http.get("/api/groups/" + group, owner.auth())
                .json()
                .get("groupName")
                .asString();
    }
}
