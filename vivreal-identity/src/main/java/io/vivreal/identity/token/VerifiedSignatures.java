package io.vivreal.identity.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Checks an ES256 signature once per token, and everything else on every use.
 *
 * <p>The signature check was a fifth of the server's CPU per Management API write (a P-256
 * verification per request, for the same token over and over). A token whose signature verified
 * is kept, by its exact text, in a cache bounded by bytes; every use still runs the full validator
 * — expiry, issuer, audience, signed out, session ended — so nothing that can change about a token
 * is cached. Only tokens that verified are kept: a forged or altered token is a different string
 * and is verified (and refused) every time. Our signing keys are fixed for the life of the process.
 */
final class VerifiedSignatures implements JwtDecoder {

    /** About a thousand sessions' tokens. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final JwtDecoder signatureOnly;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String token, Jwt jwt) -> 2 * token.length() + 1024)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    /**
     * @param signatureOnly a decoder that checks the signature and parses, with no validator
     * @param validator what every use of a token must pass
     */
    VerifiedSignatures(JwtDecoder signatureOnly, OAuth2TokenValidator<Jwt> validator) {
        this.signatureOnly = signatureOnly;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            jwt = signatureOnly.decode(token);
            verified.put(token, jwt);
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            String description = result.getErrors().iterator().next().getDescription();
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: " + description, result.getErrors());
        }
        return jwt;
    }
}
