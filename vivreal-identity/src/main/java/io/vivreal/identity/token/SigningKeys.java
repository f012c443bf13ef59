package io.vivreal.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The ES256 key pair that signs our ID tokens, read from the {@code jwt-signing-key} secret. The
 * key id is the RFC 7638 thumbprint, so a rotated key gets a new {@code kid} by itself.
 */
public final class SigningKeys {

    private final ECKey signingKey;

    private SigningKeys(ECKey signingKey) {
        this.signingKey = signingKey;
    }

    /** Parses {@code base64(PKCS#8 private).base64(X.509 public)}. */
    public static SigningKeys fromSecret(String value) {
        String[] parts = value.split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("secret 'jwt-signing-key' must be 'base64(PKCS#8).base64(X.509)'");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            Base64.Decoder decoder = Base64.getDecoder();
            ECPrivateKey privateKey =
                    (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(parts[0])));
            ECPublicKey publicKey =
                    (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(decoder.decode(parts[1])));
            ECKey key = new ECKey.Builder(Curve.P_256, publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint()
                    .build();
            return new SigningKeys(key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
            throw new IllegalArgumentException("secret 'jwt-signing-key' does not hold a valid P-256 key pair");
        }
    }

    ECKey signingKey() {
        return signingKey;
    }

    /** The public keys, as published at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }
}
