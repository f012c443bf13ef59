package io.vivreal.identity.token;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.vivreal.core.config.VivrealProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.util.function.SingletonSupplier;

/**
 * Which bearer tokens the Management API accepts: our own ES256 ID tokens (verified against our
 * keys in memory, never over HTTP), and — when {@code VIVREAL_OIDC_ISSUER_URI} is set — tokens of
 * that external issuer for the configured audience, so a Cognito user pool or Keycloak realm can
 * replace the built-in identity. Any other issuer is refused before a signature is checked. Our own
 * tokens signed out through the portal ({@link RevokedTokens}) are refused until they expire, and so
 * are tokens whose sign-in session was ended ({@code sessionOpen}, checked on every use). A signature
 * is verified once per token ({@link VerifiedSignatures}); the other checks run on every use.
 */
public final class IdTokenVerification {

    private final IssuerUrl issuer;
    private final AuthenticationManager local;
    private final Supplier<AuthenticationManager> external;
    private final String externalIssuer;
    private final JwtDecoder localDecoder;

    public IdTokenVerification(
            SigningKeys keys,
            IssuerUrl issuer,
            VivrealProperties.Oidc oidc,
            RevokedTokens revokedTokens,
            OAuth2TokenValidator<Jwt> sessionOpen) {
        this.issuer = issuer;
        NimbusJwtDecoder signatureOnly = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.publicKeys()))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        OAuth2TokenValidator<Jwt> notRevoked = jwt -> revokedTokens.isRevoked(jwt.getId())
                ? failure("the token was signed out")
                : OAuth2TokenValidatorResult.success();
        signatureOnly.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // checked below, every use
        this.localDecoder = new VerifiedSignatures(
                signatureOnly,
                new DelegatingOAuth2TokenValidator<>(
                        validator(issuer::value, IdTokenIssuer.AUDIENCE), notRevoked, sessionOpen));
        this.local = new JwtAuthenticationProvider(this.localDecoder)::authenticate;
        this.externalIssuer = oidc.configured() ? oidc.issuerUri().replaceAll("/+$", "") : null;
        this.external = oidc.configured()
                ? SingletonSupplier.of(() -> externalManager(oidc.issuerUri(), oidc.audience()))
                : () -> null;
    }

    private static AuthenticationManager externalManager(String issuerUri, String audience) {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withIssuerLocation(issuerUri).build();
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(validator(() -> issuerUri, audience), idTokenFor(audience)));
        JwtDecoder guarded = decoder;
        return new JwtAuthenticationProvider(guarded)::authenticate;
    }

    /** The resolver for Spring Security's bearer-token filter. */
    public AuthenticationManagerResolver<HttpServletRequest> resolver() {
        return new JwtIssuerAuthenticationManagerResolver(this::managerFor);
    }

    private AuthenticationManager managerFor(String tokenIssuer) {
        if (tokenIssuer == null) {
            return null;
        }
        String normalised = tokenIssuer.replaceAll("/+$", "");
        if (normalised.equals(issuer.value())) {
            return local;
        }
        if (normalised.equals(externalIssuer)) {
            return external.get();
        }
        return null;
    }

    /**
     * Verifies one of our own ID tokens (signature, issuer, audience, expiry, not signed out), as the
     * portal's {@code token} cookie carries; empty when any check fails.
     */
    public Optional<Jwt> verifyLocal(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return Optional.empty();
        }
        try {
            return Optional.of(localDecoder.decode(token));
        } catch (JwtException e) {
            return Optional.empty();
        }
    }

    /** Answers whether a verified token came from our own identity module. */
    public boolean isLocal(Jwt jwt) {
        return jwt.getIssuer() != null
                && issuer.value().equals(jwt.getIssuer().toString().replaceAll("/+$", ""));
    }

    private static OAuth2TokenValidator<Jwt> validator(Supplier<String> expectedIssuer, String audience) {
        OAuth2TokenValidator<Jwt> issuerCheck = jwt -> {
            String actual =
                    jwt.getIssuer() == null ? "" : jwt.getIssuer().toString().replaceAll("/+$", "");
            return actual.equals(expectedIssuer.get().replaceAll("/+$", ""))
                    ? OAuth2TokenValidatorResult.success()
                    : failure("the token has another issuer");
        };
        OAuth2TokenValidator<Jwt> audienceCheck = jwt -> {
            List<String> audiences = jwt.getAudience();
            boolean ok = audiences != null && audiences.contains(audience);
            return ok ? OAuth2TokenValidatorResult.success() : failure("the token is for another audience");
        };
        return new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), issuerCheck, audienceCheck);
    }

    /**
     * Only an external issuer's ID token, issued to our client, signs a user in. Access tokens of
     * the same pool or realm carry the client in {@code client_id} (Cognito) or name another
     * audience, and say what they are: Cognito's {@code token_use} must be {@code id}, Keycloak's
     * {@code typ} must be {@code ID}, and an {@code azp} (the party the token was issued to) must
     * be our client.
     */
    static OAuth2TokenValidator<Jwt> idTokenFor(String audience) {
        return jwt -> {
            String tokenUse = jwt.getClaimAsString("token_use");
            if (tokenUse != null && !tokenUse.equals("id")) {
                return failure("only ID tokens sign in");
            }
            String typ = jwt.getClaimAsString("typ");
            if (typ != null && !typ.equalsIgnoreCase("ID")) {
                return failure("only ID tokens sign in");
            }
            String authorizedParty = jwt.getClaimAsString("azp");
            if (authorizedParty != null && !authorizedParty.equals(audience)) {
                return failure("the token was issued to another client");
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
