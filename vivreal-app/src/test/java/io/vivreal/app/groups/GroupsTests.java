package io.vivreal.app.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.app.support.Fixtures;
import io.vivreal.app.support.Http;
import io.vivreal.app.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/groups}: creation, visibility, roles, the last-owner guard and the audit log. */
class GroupsTests extends ServerTest {

    @Test
    void createAnswersTheGroupWithItsKeyAndDatabase() {
        Fixtures.User owner = fixtures.user();

        Http.Response created = http.post("/api/groups", Map.of("name", "Acme Café"), owner.auth());

        assertThat(created.status()).isEqualTo(201);
        JsonNode group = created.json();
        assertThat(group.get("groupID").asString()).matches("[0-9a-f]{24}");
        assertThat(group.get("groupName").asString()).isEqualTo("Acme Café");
        assertThat(group.get("key").asString()).matches("acme-cafe-[a-z0-9]{6}");
        assertThat(group.get("bucketName").asString())
                .isEqualTo(group.get("key").asString());
        assertThat(group.get("dbKey").asString()).isEqualTo("general_shared");
        assertThat(group.get("tier").asString()).isEqualTo("free");
        assertThat(group.get("role").asString()).isEqualTo("owner");
        assertThat(created.body()).doesNotContain("vr_", "hash", "ciphertext");
    }

    @Test
    void tiersBeyondSelfServiceAreSetByAnOperator() {
        Fixtures.User owner = fixtures.user();

        Http.Response enterprise = http.post("/api/groups", Map.of("name", "Big", "tier", "enterprise"), owner.auth());
        Http.Response unknown = http.post("/api/groups", Map.of("name", "Odd", "tier", "platinum"), owner.auth());

        assertThat(enterprise.status()).isEqualTo(403);
        assertThat(enterprise.json().get("field").asString()).isEqualTo("tier");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(http.get("/api/groups", owner.auth()).json().size()).isZero();
    }

    @Test
    void listShowsOnlyTheCallersGroups() {
        Fixtures.User ann = fixtures.user();
        Fixtures.User bob = fixtures.user();
        String annGroup = fixtures.group(ann);
        String bobGroup = fixtures.group(bob);

        JsonNode list = http.get("/api/groups", ann.auth()).json();

        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("groupID").asString()).isEqualTo(annGroup);
        assertThat(list.get(0).get("role").asString()).isEqualTo("owner");
        assertThat(http.get("/api/groups", bob.auth()).body())
                .contains(bobGroup)
                .doesNotContain(annGroup);
    }

    @Test
    void anotherUsersGroupIsNotFoundExactlyLikeAMissingOne() {
        Fixtures.User ann = fixtures.user();
        Fixtures.User outsider = fixtures.user();
        String group = fixtures.group(ann);

        Http.Response others = http.get("/api/groups/" + group, outsider.auth());
        Http.Response missing = http.get("/api/groups/0123456789abcdef01234567", outsider.auth());
        Http.Response malformed = http.get(
                "/api/groups/{\"$ne\":null}"
                        .replace("{", "%7B")
                        .replace("}", "%7D")
                        .replace("\"", "%22"),
                outsider.auth());

        assertThat(others.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(others.body()).isEqualTo(missing.body());
        for (String path : new String[] {"/members", "/api-key", "/audit"}) {
            assertThat(http.get("/api/groups/" + group + path, outsider.auth()).status())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(http.post("/api/groups/" + group + "/api-key/regenerate", null, outsider.auth())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void groupDetailCarriesNoSecret() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String key = fixtures.apiKey(owner, group);

        Http.Response detail = http.get("/api/groups/" + group, owner.auth());

        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().get("frozen").asBoolean()).isFalse();
        assertThat(detail.body()).doesNotContain(key, "apiKey", "hash", "ciphertext");
    }

    @Test
    void ownersAddMembersByInvitationWithARole() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User editor = fixtures.user();
        String group = fixtures.group(owner);

        fixtures.addMember(owner, group, editor, "editor");

        JsonNode members =
                http.get("/api/groups/" + group + "/members", editor.auth()).json();
        assertThat(members.size()).isEqualTo(2);
        assertThat(members.toString())
                .contains(editor.email(), "\"role\":\"editor\"", owner.email(), "\"role\":\"owner\"");
        assertThat(http.get("/api/groups", editor.auth()).body()).contains(group);
    }

    @Test
    void invitingRefusesUnknownRolesAndAnswersAlikeForAddressesWithAndWithoutAccounts() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User member = fixtures.user();
        String group = fixtures.group(owner);
        String members = "/api/groups/" + group + "/members";

        Http.Response unknownRole =
                http.post(members, Map.of("email", member.email(), "role", "superuser"), owner.auth());
        Http.Response noAccount = http.post(
                members,
                Map.of("email", "ghost-" + System.nanoTime() + "@example.com", "role", "viewer"),
                owner.auth());
        Http.Response withAccount = http.post(members, Map.of("email", member.email(), "role", "viewer"), owner.auth());

        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().get("field").asString()).isEqualTo("role");
        assertThat(noAccount.status()).isEqualTo(201);
        assertThat(withAccount.status()).isEqualTo(201);
        for (Http.Response answer : List.of(noAccount, withAccount)) {
            assertThat(fieldNames(answer.json()))
                    .containsExactly("invitationId", "email", "role", "status", "createdAt", "expiresAt", "invitedBy");
            assertThat(answer.json().get("status").asString()).isEqualTo("pending");
        }
        // nobody joined by being invited
        assertThat(http.get(members, owner.auth()).json().size()).isEqualTo(1);
    }

    @Test
    void acceptingAnInvitationOfSomeoneAlreadyAMemberIsAConflict() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User member = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, member, "viewer");
        String again = fixtures.invite(owner, group, member.email(), "editor");

        Http.Response duplicate = http.post("/api/invitations/" + again + "/accept", null, member.auth());

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("error").asString()).isEqualTo("already_member");
        JsonNode list =
                http.get("/api/groups/" + group + "/members", owner.auth()).json();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.toString()).contains("\"role\":\"viewer\"");
    }

    @Test
    void theTierLimitsSeatsWhenAnInvitationIsAcceptedNotBefore() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, fixtures.user(), "editor");
        fixtures.addMember(owner, group, fixtures.user(), "viewer");
        Fixtures.User fourth = fixtures.verifiedUser();

        String invitation = fixtures.invite(owner, group, fourth.email(), "viewer");
        Http.Response refused = http.post("/api/invitations/" + invitation + "/accept", null, fourth.auth());

        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.json().get("error").asString()).isEqualTo("quota_exceeded");
        assertThat(refused.json().get("field").asString()).isEqualTo("seats");
        assertThat(http.get("/api/groups/" + group + "/members", owner.auth())
                        .json()
                        .size())
                .isEqualTo(3);
        // nothing changed: the invitation is still pending, for when a seat frees up
        assertThat(http.get("/api/groups/" + group + "/invitations", owner.auth())
                        .body())
                .contains(invitation, "\"status\":\"pending\"");
    }

    @Test
    void editorsAndViewersCannotManageMembers() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User editor = fixtures.user();
        Fixtures.User viewer = fixtures.user();
        Fixtures.User newcomer = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, editor, "editor");
        fixtures.addMember(owner, group, viewer, "viewer");
        String members = "/api/groups/" + group + "/members";

        for (Fixtures.User weak : List.of(editor, viewer)) {
            assertThat(http.post(members, Map.of("email", newcomer.email(), "role", "viewer"), weak.auth())
                            .status())
                    .isEqualTo(403);
            assertThat(http.put(members + "/" + viewer.id(), Map.of("role", "admin"), weak.auth())
                            .status())
                    .isEqualTo(403);
            assertThat(http.delete(members + "/" + viewer.id(), weak.auth()).status())
                    .isEqualTo(403);
        }
        assertThat(http.get(members, owner.auth()).body())
                .doesNotContain(newcomer.email())
                .contains("\"role\":\"viewer\"");
    }

    @Test
    void onlyOwnersGrantOrTouchTheOwnerRole() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User admin = fixtures.user();
        Fixtures.User editor = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, admin, "admin");
        fixtures.addMember(owner, group, editor, "editor");
        String members = "/api/groups/" + group + "/members/";

        assertThat(http.put(members + editor.id(), Map.of("role", "owner"), admin.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.put(members + owner.id(), Map.of("role", "viewer"), admin.auth())
                        .status())
                .isEqualTo(403);
        assertThat(http.delete(members + owner.id(), admin.auth()).status()).isEqualTo(403);
        assertThat(http.put(members + editor.id(), Map.of("role", "viewer"), admin.auth())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemoved() {
        Fixtures.User owner = fixtures.user();
        String group = fixtures.group(owner);
        String self = "/api/groups/" + group + "/members/" + owner.id();

        Http.Response demote = http.put(self, Map.of("role", "admin"), owner.auth());
        Http.Response remove = http.delete(self, owner.auth());

        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.json().get("error").asString()).isEqualTo("last_owner");
        assertThat(remove.status()).isEqualTo(409);
        assertThat(http.get("/api/groups/" + group, owner.auth())
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("owner");
    }

    @Test
    void withTwoOwnersOneMayStepDown() {
        Fixtures.User first = fixtures.user();
        Fixtures.User second = fixtures.user();
        String group = fixtures.group(first);
        fixtures.addMember(first, group, second, "owner");

        assertThat(http.put("/api/groups/" + group + "/members/" + first.id(), Map.of("role", "admin"), first.auth())
                        .status())
                .isEqualTo(200);
        assertThat(http.put("/api/groups/" + group + "/members/" + second.id(), Map.of("role", "admin"), second.auth())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void concurrentDemotionsOfTheLastTwoOwnersLeaveOneOwner() throws Exception {
        Fixtures.User first = fixtures.user();
        Fixtures.User second = fixtures.user();
        String group = fixtures.group(first);
        fixtures.addMember(first, group, second, "owner");
        String members = "/api/groups/" + group + "/members/";

        List<Thread> threads = new ArrayList<>();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        threads.add(new Thread(
                () -> statuses.add(http.put(members + first.id(), Map.of("role", "viewer"), second.auth())
                        .status())));
        threads.add(new Thread(
                () -> statuses.add(http.put(members + second.id(), Map.of("role", "viewer"), first.auth())
                        .status())));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        JsonNode list =
                http.get("/api/groups/" + group + "/members", first.auth()).json();
        long owners = 0;
        for (JsonNode member : list) {
            owners += member.get("role").asString().equals("owner") ? 1 : 0;
        }
        assertThat(owners).isEqualTo(1);
        assertThat(statuses).contains(200);
    }

    @Test
    void aRemovedMemberLosesAccessAtOnce() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User member = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, member, "admin");
        assertThat(http.get("/api/groups/" + group, member.auth()).status()).isEqualTo(200);

        assertThat(http.delete("/api/groups/" + group + "/members/" + member.id(), owner.auth())
                        .status())
                .isEqualTo(204);

        assertThat(http.get("/api/groups/" + group, member.auth()).status()).isEqualTo(404);
        assertThat(http.get("/api/groups/" + group + "/api-key", member.auth()).status())
                .isEqualTo(404);
    }

    @Test
    void everyMembershipAndKeyEventIsAudited() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User member = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, member, "viewer");
        http.put("/api/groups/" + group + "/members/" + member.id(), Map.of("role", "editor"), owner.auth());
        http.delete("/api/groups/" + group + "/members/" + member.id(), owner.auth());
        fixtures.apiKey(owner, group);
        String newKey = http.post("/api/groups/" + group + "/api-key/regenerate", null, owner.auth())
                .json()
                .get("apiKey")
                .asString();

        Http.Response audit = http.get("/api/groups/" + group + "/audit", owner.auth());

        assertThat(audit.status()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        for (JsonNode entry : audit.json()) {
            String action = entry.get("action").asString();
            actions.add(action);
            // joining is the invited person's own act; everything else is the owner's
            boolean byMember = action.equals("member.added") || action.equals("invitation.accepted");
            assertThat(entry.get("actor").asString()).as(action).isEqualTo(byMember ? member.id() : owner.id());
            assertThat(entry.get("at").asString()).endsWith("Z");
        }
        assertThat(actions)
                .containsExactly(
                        "api_key.regenerated",
                        "api_key.revealed",
                        "member.removed",
                        "member.role_changed",
                        "invitation.accepted",
                        "member.added",
                        "invitation.created",
                        "api_key.created",
                        "group.created");
        assertThat(audit.body()).doesNotContain(newKey);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void auditIsForOwnersAndAdminsOnlyAndPagesAreBounded() {
        Fixtures.User owner = fixtures.user();
        Fixtures.User editor = fixtures.user();
        String group = fixtures.group(owner);
        fixtures.addMember(owner, group, editor, "editor");

        assertThat(http.get("/api/groups/" + group + "/audit", editor.auth()).status())
                .isEqualTo(403);
        assertThat(http.get("/api/groups/" + group + "/audit?limit=1", owner.auth())
                        .json()
                        .size())
                .isEqualTo(1);
        assertThat(http.get("/api/groups/" + group + "/audit?limit=100000", owner.auth())
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/api/groups/" + group + "/audit?skip=-1", owner.auth())
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/api/groups/" + group + "/audit?limit=abc", owner.auth())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void oneAccountOwnsAtMostFiveSelfServiceGroupsEvenWhenCreatingThemAtOnce() throws Exception {
        Fixtures.User owner = fixtures.user();
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/api/groups", Map.of("name", "Mine " + i), owner.auth())
                            .status())
                    .isEqualTo(201);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<Http.Response>> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            burst.add(pool.submit(() -> http.post("/api/groups", Map.of("name", "Burst " + n), owner.auth())));
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Http.Response> answer : burst) {
            Http.Response response = answer.get();
            statuses.add(response.status());
            if (response.status() == 402) {
                assertThat(response.json().get("field").asString()).isEqualTo("groups");
            }
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(201, 402);
        assertThat(http.get("/api/groups", owner.auth()).json().size()).isBetween(3, 5);
        // topped up one at a time, the limit is exactly five
        Http.Response next = http.post("/api/groups", Map.of("name", "Top up"), owner.auth());
        for (int i = 0; i < 10 && next.status() == 201; i++) {
            next = http.post("/api/groups", Map.of("name", "Top up"), owner.auth());
        }
        assertThat(next.status()).as(next.body()).isEqualTo(402);
        assertThat(http.get("/api/groups", owner.auth()).json().size()).isEqualTo(5);
    }
}
