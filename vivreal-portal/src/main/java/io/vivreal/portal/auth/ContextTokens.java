package io.vivreal.portal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vivreal.core.crypto.DerivedKeys;
import io.vivreal.core.secrets.RotatingSecret;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Signs and verifies {@code active_ctx}: a JWT with HMAC-SHA256 under a key derived from the
 * context secret. Verification accepts only HS256 with our {@code typ}, a valid signature and an
 * expiry in the future; anything else — a flipped byte, {@code alg: none}, another key — is empty.
 *
 * <p>The context secret may rotate while running: tokens are signed under the current secret and
 * verified under any accepted one, so a context issued just before a rotation keeps working for
 * the overlap window instead of logging everyone out of their group.
 */
public final class ContextTokens {

    static final String LABEL = "vivreal/active-ctx/v1";
    private static final JOSEObjectType TYPE = new JOSEObjectType("vivreal-ctx+jwt");

    private record Keys(MACSigner signer, MACVerifier verifier) {
        static Keys derive(byte[] contextSecret) {
            byte[] key = DerivedKeys.derive(contextSecret, LABEL);
            try {
                return new Keys(new MACSigner(key), new MACVerifier(key));
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot use the derived context key", e);
            }
        }
    }

    private final RotatingSecret<Keys> keys;
    private final Clock clock;

    public ContextTokens(byte[] contextSecret, Clock clock) {
        this(RotatingSecret.fixed(contextSecret), clock);
    }

    /** @param contextSecret the context secret's key bytes; only the derived keys are kept */
    public ContextTokens(RotatingSecret<byte[]> contextSecret, Clock clock) {
        this.keys = contextSecret.map(Keys::derive);
        this.keys.current(); // derived now, so an unusable secret fails the start
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
            jwt.sign(keys.current().signer());
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
            if (!exactlyAsSigned(token, jwt)
                    || !JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !TYPE.equals(jwt.getHeader().getType())
                    || !signedByUs(jwt)) {
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

    /**
     * Only the one spelling we issue: the parser trims surrounding white space and its Base64
     * decoder ignores the spare bits of a signature's last character, so without this several
     * different cookie values would verify as one context.
     */
    private static boolean exactlyAsSigned(String token, SignedJWT jwt) {
        Base64URL signature = jwt.getSignature();
        return token.equals(jwt.serialize())
                && Base64URL.encode(signature.decode()).toString().equals(signature.toString());
    }

    private boolean signedByUs(SignedJWT jwt) throws JOSEException {
        for (Keys accepted : keys.accepted()) {
            if (jwt.verify(accepted.verifier())) {
                return true;
            }
        }
        return false;
    }
}
