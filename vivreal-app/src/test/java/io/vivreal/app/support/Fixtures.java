package io.vivreal.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Users, groups and keys made through the public routes, as a real client would. */
public final class Fixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public static final String PASSWORD = "correct horse battery staple";

    private final Http http;

    public Fixtures(Http http) {
        this.http = http;
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

    public void addMember(User owner, String groupId, User member, String role) {
        Http.Response added = http.post(
                "/api/groups/" + groupId + "/members", Map.of("email", member.email(), "role", role), owner.auth());
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }
}
