package io.vivreal.identity.user;

import java.time.Instant;

/**
 * A person who can sign in: with a password here, or through an external OpenID Connect issuer
 * ({@code externalId} = issuer + subject, no password).
 *
 * <p>{@code emailVerified}: the person proved they receive mail at {@code email} (the signed link
 * of a verification mail, or an external issuer's {@code email_verified}). Only a verified address
 * is matched against invitations; accounts stored before the field existed count as unverified.
 */
public record User(
        String id,
        String email,
        String name,
        String passwordHash,
        String externalId,
        Instant createdAt,
        boolean emailVerified) {

    @Override
    public String toString() {
        return "User[" + id + "]";
    }
}
