package io.vivreal.core.crypto;

import io.vivreal.core.secrets.SecretName;
import io.vivreal.core.secrets.Secrets;
import java.security.SecureRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CryptoConfiguration {

    @Bean
    CredentialCipher credentialCipher(Secrets secrets, SecureRandom random) {
        return AesGcmCredentialCipher.fromKeyRing(
                secrets.get(SecretName.ENCRYPTION_KEYS).value(), random);
    }
}
