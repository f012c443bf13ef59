package io.vivreal.management.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authenticated user calling the Management API, as our user id, with the verified token it
 * presented (for step-up: when its holder last authenticated).
 */
public record Caller(String userId, Jwt token) {

    @Override
    public String toString() {
        return "Caller[" + userId + "]";
    }
}
