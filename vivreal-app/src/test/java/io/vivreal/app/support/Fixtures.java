package io.vivreal.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Users, groups and keys made through the public routes, as a real client would. */
public final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public static final String PASSWORD = "correct horse battery staple";

    private static final java.util.Set<String> VERIFIED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Http http;
    private final Outbox outbox;

    /** Without an outbox: users cannot be verified, so members cannot be added. */
    public Fixtures(Http http) {
        this(http, null);
    }

    /** @param outbox the server's development outbox ({@code <data-dir>/mail}) */
    public Fixtures(Http http, java.nio.file.Path outbox) {
        this.http = http;
        this.outbox = outbox == null ? null : new Outbox(outbox);
    }

    public Outbox outbox() {
        assertThat(outbox)
                .as("this Fixtures was made without the server's outbox")
                .isNotNull();
        return outbox;
    }

    public record User(String id, String email, String token) {
        public String[] auth() {
            return new String[] {"Authorization", "Bearer " + token};
        }
    }

    public User user() {
        String email = "user" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
        Http.Response signup =
                http.post("/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "Test User"));
        assertThat(signup.status()).as(signup.body()).isEqualTo(201);
        Http.Response login = http.post("/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return new User(
                signup.json().get("userId").asString(),
                email,
                login.json().get("idToken").asString());
    }

    /** Creates a group owned by {@code owner} and answers its id. */
    public String group(User owner) {
        Http.Response created =
                http.post("/api/groups", Map.of("name", "Group " + SEQUENCE.incrementAndGet()), owner.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("groupID").asString();
    }

    public String apiKey(User admin, String groupId) {
        Http.Response key = http.get("/api/groups/" + groupId + "/api-key", admin.auth());
        assertThat(key.status()).as(key.body()).isEqualTo(200);
        return key.json().get("apiKey").asString();
    }

    /** A user who followed the link of their verification mail. */
    public User verifiedUser() {
        User user = user();
        verify(user);
        return user;
    }

    /** Follows the link of the verification mail sent to the user, as they would. */
    public void verify(User user) {
        if (VERIFIED.contains(user.id())) {
            return;
        }
        Outbox.Mail mail = outbox().await(user.email(), m -> m.text().contains("/auth/verify-email?token="));
        String link = mail.link(http.baseUrl() + "/auth/verify-email?token=");
        Http.Response followed = http.get(link.substring(http.baseUrl().length()));
        assertThat(followed.status()).as(followed.body()).isEqualTo(303);
        assertThat(followed.header("location")).isEqualTo("/app/groups?verified=1");
        VERIFIED.add(user.id());
    }

    /** Invites the address and answers the invitation id. */
    public String invite(User admin, String groupId, String email, String role) {
        Http.Response invited =
                http.post("/api/groups/" + groupId + "/members", Map.of("email", email, "role", role), admin.auth());
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.json().get("status").asString()).isEqualTo("pending");
        return invited.json().get("invitationId").asString();
    }

    /**
     * Adds a member as a real person joins: the owner invites the address, the member verifies
     * it (following the mailed link) and accepts the invitation while signed in.
     */
    public void addMember(User owner, String groupId, User member, String role) {
        String invitation = invite(owner, groupId, member.email(), role);
        verify(member);
        Http.Response accepted = http.post("/api/invitations/" + invitation + "/accept", null, member.auth());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    }
}
