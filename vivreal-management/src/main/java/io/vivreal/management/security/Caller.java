package io.vivreal.management.security;

/** The authenticated user calling the Management API, as our user id. */
public record Caller(String userId) {}
