package io.vivreal.identity.user;

import java.time.Instant;

/**
 * A person who can sign in: with a password here, or through an external OpenID Connect issuer
 * ({@code externalId} = issuer + subject, no password).
 */
public record User(String id, String email, String name, String passwordHash, String externalId, Instant createdAt) {

    @Override
    public String toString() {
        return "User[" + id + "]";
    }
}
