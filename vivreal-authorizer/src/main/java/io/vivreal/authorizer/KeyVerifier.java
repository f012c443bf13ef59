package io.vivreal.authorizer;

/**
 * Checks the value of an {@code Authorization} header. {@link ApiKeyAuthorizer} is the
 * implementation; the interface lets the server's filter run in front of a stand-in (the
 * benchmarks' fixed tenant) without any switch in production code.
 */
public interface KeyVerifier {

    /** The raw key or {@code Bearer <key>}; null or blank when the header was absent. */
    KeyVerification verify(String authorizationHeader);
}
