package io.vivreal.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vivreal.identity.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Issues the one-hour ES256 ID tokens the Management API and the portal accept. */
public final class IdTokenIssuer {

    public static final Duration LIFETIME = Duration.ofHours(1);
    public static final String AUDIENCE = "vivreal";

    private final SigningKeys keys;
    private final IssuerUrl issuer;
    private final Clock clock;
    private final ECDSASigner signer;

    public IdTokenIssuer(SigningKeys keys, IssuerUrl issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clock = clock;
        try {
            this.signer = new ECDSASigner(keys.signingKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the configured key", e);
        }
    }

    /** A token for {@code user}'s sign-in session {@code sessionId} (its {@code sid} claim). */
    public String issue(User user, String sessionId) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.value())
                .subject(user.id())
                .audience(AUDIENCE)
                .claim("email", user.email())
                .claim("name", user.name())
                .claim("token_use", "id")
                .claim("sid", sessionId)
                // tokens are issued only by a password sign-in: that is when the holder authenticated
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(keys.signingKey().getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
        return jwt.serialize();
    }
}
