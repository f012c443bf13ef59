package io.vivreal.portal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Signs and verifies {@code active_ctx}: a JWT with HMAC-SHA256 under a key derived from the
 * context secret. Verification accepts only HS256 with our {@code typ}, a valid signature and an
 * expiry in the future; anything else — a flipped byte, {@code alg: none}, another key — is empty.
 */
public final class ContextTokens {

    static final String LABEL = "vivreal/active-ctx/v1";
    private static final JOSEObjectType TYPE = new JOSEObjectType("vivreal-ctx+jwt");

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public ContextTokens(byte[] contextSecret, Clock clock) {
        byte[] key = DerivedKeys.derive(contextSecret, LABEL);
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot use the derived context key", e);
        }
        this.clock = clock;
    }

    public String sign(ActiveContext context) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(context.sub())
                .claim("groupID", context.groupID())
                .claim("dbKey", context.dbKey())
                .claim("bucketName", context.bucketName())
                .claim("role", context.role())
                .claim("tier", context.tier())
                .claim("mv", context.membershipVersion())
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(context.expiresAt()))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the context", e);
        }
        return jwt.serialize();
    }

    public Optional<ActiveContext> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !TYPE.equals(jwt.getHeader().getType())
                    || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            Long version = claims.getLongClaim("mv");
            if (expiry == null || version == null || !expiry.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            Instant expiresAt = expiry.toInstant();
            return Optional.of(new ActiveContext(
                    claims.getSubject(),
                    claims.getStringClaim("groupID"),
                    claims.getStringClaim("dbKey"),
                    claims.getStringClaim("bucketName"),
                    claims.getStringClaim("role"),
                    claims.getStringClaim("tier"),
                    version,
                    expiresAt));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
