package io.vivreal.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.vivreal.core.crypto.AesGcmCredentialCipher;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretNameTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void fileNamesAreFixed() {
        assertThat(SecretName.JWT_SIGNING_KEY.fileName()).isEqualTo("jwt-signing-key");
        assertThat(SecretName.CONTEXT_SECRET.fileName()).isEqualTo("context-secret");
        assertThat(SecretName.API_KEY_PEPPER.fileName()).isEqualTo("api-key-pepper");
        assertThat(SecretName.ENCRYPTION_KEYS.fileName()).isEqualTo("encryption-keys");
    }

    @Test
    void environmentVariablesArePrefixedUpperCaseNames() {
        assertThat(SecretName.JWT_SIGNING_KEY.environmentVariable()).isEqualTo("VIVREAL_SECRET_JWT_SIGNING_KEY");
        assertThat(SecretName.CONTEXT_SECRET.environmentVariable()).isEqualTo("VIVREAL_SECRET_CONTEXT_SECRET");
        assertThat(SecretName.API_KEY_PEPPER.environmentVariable()).isEqualTo("VIVREAL_SECRET_API_KEY_PEPPER");
        assertThat(SecretName.ENCRYPTION_KEYS.environmentVariable()).isEqualTo("VIVREAL_SECRET_ENCRYPTION_KEYS");
    }

    @Test
    void fileNamesAreSafePlainNames() {
        for (SecretName name : SecretName.values()) {
            assertThat(name.fileName()).matches("[a-z][a-z-]*");
        }
    }

    @Test
    void generatedJwtKeyIsAnEcP256KeyPairInPkcs8AndX509() throws Exception {
        String value = SecretName.JWT_SIGNING_KEY.generate(RANDOM);
        String[] parts = value.split("\\.");
        assertThat(parts).hasSize(2);

        KeyFactory factory = KeyFactory.getInstance("EC");
        ECPrivateKey privateKey = (ECPrivateKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
        ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1])));

        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec p256 = parameters.getParameterSpec(ECParameterSpec.class);
        for (ECParameterSpec spec : new ECParameterSpec[] {privateKey.getParams(), publicKey.getParams()}) {
            assertThat(spec.getCurve()).isEqualTo(p256.getCurve());
            assertThat(spec.getGenerator()).isEqualTo(p256.getGenerator());
            assertThat(spec.getOrder()).isEqualTo(p256.getOrder());
        }
        assertThat(privateKey.getFormat()).isEqualTo("PKCS#8");
        assertThat(publicKey.getFormat()).isEqualTo("X.509");
    }

    @Test
    void generatedJwtPrivateAndPublicKeysBelongTogether() throws Exception {
        String[] parts = SecretName.JWT_SIGNING_KEY.generate(RANDOM).split("\\.");
        KeyFactory factory = KeyFactory.getInstance("EC");
        var privateKey = factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
        var publicKey = factory.generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
        byte[] message = "header.payload".getBytes(StandardCharsets.US_ASCII);

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();

        var otherPublic = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                .decode(SecretName.JWT_SIGNING_KEY.generate(RANDOM).split("\\.")[1])));
        verifier.initVerify(otherPublic);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isFalse();
    }

    @Test
    void generatedBase64KeysAreThirtyTwoBytes() {
        for (SecretName name : new SecretName[] {SecretName.CONTEXT_SECRET, SecretName.API_KEY_PEPPER}) {
            String value = name.generate(RANDOM);
            assertThat(Base64.getDecoder().decode(value)).as(name.fileName()).hasSize(32);
        }
    }

    @Test
    void generatedEncryptionKeysAreAOneKeyRingTheCipherAccepts() {
        String value = SecretName.ENCRYPTION_KEYS.generate(RANDOM);
        assertThat(value).matches("k[0-9a-f]{1,16}:[A-Za-z0-9+/]{43}=");
        String id = value.substring(0, value.indexOf(':'));
        assertThat(Base64.getDecoder().decode(value.substring(value.indexOf(':') + 1)))
                .hasSize(32);
        AesGcmCredentialCipher cipher = AesGcmCredentialCipher.fromKeyRing(value, RANDOM);
        assertThat(cipher.activeKeyId()).isEqualTo(id);
    }

    @Test
    void generatedValuesDifferEachTime() {
        for (SecretName name : SecretName.values()) {
            Set<String> values = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                values.add(name.generate(RANDOM));
            }
            assertThat(values).as(name.fileName()).hasSize(20);
        }
    }

    @Test
    void generatedValuesAreNeverDevMarkedNorBlank() {
        for (SecretName name : SecretName.values()) {
            String value = name.generate(RANDOM);
            assertThat(value)
                    .isNotBlank()
                    .doesNotStartWith(SecretsProvider.DEV_MARKER)
                    .isEqualTo(value.strip());
        }
    }
}
